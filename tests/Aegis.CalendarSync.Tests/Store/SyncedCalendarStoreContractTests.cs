using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The <see cref="ISyncedCalendarStore"/> contract (and the settings store's view of further calendars'
/// channels); subclassed once per engine.</summary>
public abstract class SyncedCalendarStoreContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private ISyncedCalendarStore Calendars => Services.GetRequiredService<ISyncedCalendarStore>();

    private static SyncedCalendar Calendar(Guid userId, string id, string? channel, params EventType[] types) => new()
    {
        UserId = userId,
        CalendarId = id,
        EventTypes = types.ToHashSet(),
        GoogleChannelId = channel,
        GoogleResourceId = channel is null ? null : "res-" + channel,
        ChannelExpiryAt = channel is null ? null : Start.AddDays(7),
    };

    private async Task<Guid> ConnectedUserAsync()
    {
        var userId = await NewUserAsync();
        await Settings.UpsertAsync(new CalendarSyncSettings
        {
            UserId = userId, Enabled = true, EncryptedRefreshToken = "sealed", WebhookSecret = "secret", GoogleChannelId = "default-" + userId,
            GoogleResourceId = "res", ChannelExpiryAt = Start.AddDays(7), SyncToken = "default-token",
        }, Ct);
        return userId;
    }

    [Fact]
    public async Task Replacing_the_routing_keeps_a_kept_calendars_sync_state_adds_new_ones_and_drops_the_rest()
    {
        var userId = await ConnectedUserAsync();
        await Calendars.ReplaceRoutingAsync(userId, [Calendar(userId, "bills", "ch-bills", EventType.Bill), Calendar(userId, "old", "ch-old", EventType.Transfer)], Ct);
        await Calendars.SetSyncTokenAsync(userId, "bills", "bills-token", Ct);
        await Calendars.MarkSyncedAsync(userId, "bills", Start.AddHours(1), full: true, Ct);

        await Calendars.ReplaceRoutingAsync(userId,
            [Calendar(userId, "bills", "ignored", EventType.Bill, EventType.Expense) with { ImportForeignEvents = true }, Calendar(userId, "income", "ch-income", EventType.Income)], Ct);

        var rows = await Calendars.ListAsync(userId, Ct);
        Assert.Equal(["bills", "income"], rows.Select(r => r.CalendarId));
        var bills = rows[0];
        Assert.Equal(new HashSet<EventType> { EventType.Bill, EventType.Expense }, bills.EventTypes);
        Assert.True(bills.ImportForeignEvents);
        Assert.Equal(("ch-bills", "bills-token", Start.AddHours(1), Start.AddHours(1)),
            (bills.GoogleChannelId, bills.SyncToken, bills.LastSyncedAt, bills.LastFullSyncAt));
        Assert.Equal("ch-income", rows[1].GoogleChannelId);
        Assert.Null(await Calendars.GetAsync(userId, "old", Ct));
    }

    [Fact]
    public async Task Sync_token_and_sync_times_of_the_default_calendar_are_written_on_the_settings_row()
    {
        var userId = await ConnectedUserAsync();
        await Calendars.ReplaceRoutingAsync(userId, [Calendar(userId, "bills", "ch-bills", EventType.Bill)], Ct);

        await Calendars.SetSyncTokenAsync(userId, "primary", "new-default-token", Ct);
        await Calendars.MarkSyncedAsync(userId, "primary", Start.AddMinutes(3), full: false, Ct);

        var settings = (await Settings.GetAsync(userId, Ct))!;
        Assert.Equal(("new-default-token", Start.AddMinutes(3)), (settings.SyncToken, settings.LastSyncedAt));
        Assert.Null(settings.LastFullSyncAt);
        Assert.Null((await Calendars.GetAsync(userId, "bills", Ct))!.SyncToken);
    }

    [Fact]
    public async Task A_further_calendars_channel_is_found_as_the_users_settings_seen_from_that_calendar_and_numbers_its_own_messages()
    {
        var userId = await ConnectedUserAsync();
        await Calendars.ReplaceRoutingAsync(userId, [Calendar(userId, "bills", "ch-bills", EventType.Bill) with { ImportForeignEvents = true }], Ct);
        await Calendars.SetSyncTokenAsync(userId, "bills", "bills-token", Ct);

        var seen = (await Settings.FindByChannelIdAsync("ch-bills", Ct))!;
        Assert.Equal((userId, "bills", "res-ch-bills", "bills-token", true, EventType.Bill),
            (seen.UserId, seen.CalendarId, seen.GoogleResourceId, seen.SyncToken, seen.ImportForeignEvents, seen.ImportedEventType));
        Assert.Equal("secret", seen.WebhookSecret);

        Assert.True(await Settings.TryAdvanceMessageNumberAsync(userId, "ch-bills", 5, Ct));
        Assert.False(await Settings.TryAdvanceMessageNumberAsync(userId, "ch-bills", 5, Ct));
        Assert.Equal(5, (await Calendars.GetAsync(userId, "bills", Ct))!.LastMessageNumber);
        Assert.Equal(0, (await Settings.GetAsync(userId, Ct))!.LastMessageNumber);

        await Calendars.SaveChannelAsync(userId, "bills", "ch-bills-2", "res-2", Start.AddDays(14), Ct);
        Assert.Null(await Settings.FindByChannelIdAsync("ch-bills", Ct));
        var renewed = (await Calendars.GetAsync(userId, "bills", Ct))!;
        Assert.Equal(("ch-bills-2", "res-2", Start.AddDays(14), 0L), (renewed.GoogleChannelId, renewed.GoogleResourceId, renewed.ChannelExpiryAt, renewed.LastMessageNumber));
    }

    [Fact]
    public async Task Channels_due_for_renewal_are_those_of_users_who_can_sync_expiring_before_the_bound_or_missing()
    {
        var userId = await ConnectedUserAsync();
        var disconnected = await NewUserAsync();
        await Calendars.ReplaceRoutingAsync(userId,
            [Calendar(userId, "soon", "ch-soon", EventType.Bill), Calendar(userId, "later", "ch-later", EventType.Income), Calendar(userId, "none", null, EventType.Expense)], Ct);
        await Calendars.SaveChannelAsync(userId, "soon", "ch-soon", "res", Start.AddHours(2), Ct);
        await Calendars.ReplaceRoutingAsync(disconnected, [Calendar(disconnected, "bills", "ch-d", EventType.Bill)], Ct);

        var due = await Calendars.ListChannelsExpiringBeforeAsync(Start.AddDays(1), Ct);

        Assert.Equal(["none", "soon"], due.Select(c => c.CalendarId).Order());
        Assert.All(due, c => Assert.Equal(userId, c.UserId));
    }
}

public sealed class SqliteSyncedCalendarStoreTests(SqliteTestDatabase database) : SyncedCalendarStoreContractTests<SqliteTestDatabase>(database);

public sealed class PostgresSyncedCalendarStoreTests(PostgresTestDatabase database) : SyncedCalendarStoreContractTests<PostgresTestDatabase>(database);
