using System.Globalization;
using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The webhook's channel cache (<see cref="ChannelCachingSettingsStore"/>) with a further calendar's channel
/// (table calendar_sync_calendars): a channel replaced or dropped through this node's engine is unknown to the next push
/// and its replacement valid at once; one replaced by another node (its own store, this node's cache untold) is unknown
/// from the first push that reaches the database. Real database and emulator; the engine's clock is a stopped
/// TestClock moved past the webhook's debounce window, so no push is absorbed by an open window unless a test wants it.</summary>
public abstract class FurtherCalendarChannelCacheTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly EventType[] AllButBills = [EventType.Income, EventType.Expense, EventType.Transfer, EventType.Reminder];

    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);

    private SyncHarness H { get; set; } = null!;

    private PushNotificationHandler Handler => H.Services.GetRequiredService<PushNotificationHandler>();

    private PushWindows Windows => H.Services.GetRequiredService<PushWindows>();

    private ISyncedCalendarStore Calendars => H.Services.GetRequiredService<ISyncedCalendarStore>();

    private TimeSpan Window => H.Services.GetRequiredService<IOptions<ConnectionOptions>>().Value.PushDebounce;

    public async Task InitializeAsync() => H = await SyncHarness.StartAsync(database, new SyncHarnessOptions { Clock = _clock });

    public async Task DisposeAsync() => await H.DisposeAsync();

    [Fact]
    public async Task A_further_calendars_channel_renewed_or_dropped_here_is_unknown_at_once_and_its_replacement_valid()
    {
        var bills = await RouteBillsToTheirOwnCalendarAsync();
        var old = await ChannelOfAsync(bills);
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(old, 1), Ct));
        await CloseWindowsAsync();

        await H.Services.GetRequiredService<PushChannels>().RenewAsync(H.UserId, bills, Ct);
        var renewed = await ChannelOfAsync(bills);
        Assert.NotEqual(old.GoogleChannelId, renewed.GoogleChannelId);
        Assert.Equal(PushOutcome.UnknownChannel, await Handler.HandleAsync(Push(old, 2), Ct));
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(renewed, 1), Ct));

        // Bills go back to the primary calendar while the renewed channel's window is still open: the Bills calendar's
        // channel is dropped, so a push on it is unknown (absorbed, it would be written when the window ends).
        await H.Services.GetRequiredService<CalendarSetup>().ApplyAsync(H.UserId,
            [new CalendarRoute("primary", null, [EventType.Bill, .. AllButBills], ImportForeignEvents: false)], Ct);
        Assert.Empty(await Calendars.ListAsync(H.UserId, Ct));
        Assert.Equal(PushOutcome.UnknownChannel, await Handler.HandleAsync(Push(renewed, 2), Ct));
        _clock.Advance(Window);
        Assert.Equal(0, await Windows.FlushDueAsync(Ct));
    }

    [Fact]
    public async Task A_further_calendars_channel_replaced_by_another_node_is_unknown_from_the_first_push_that_reaches_the_database()
    {
        var bills = await RouteBillsToTheirOwnCalendarAsync();
        var old = await ChannelOfAsync(bills);
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(old, 1), Ct));
        await CloseWindowsAsync();

        // Another node renews the channel with its own store: nothing tells this node's cache.
        var otherNode = ActivatorUtilities.CreateInstance<SqlSyncedCalendarStore>(H.Services);
        await otherNode.SaveChannelAsync(H.UserId, bills, "renewed-elsewhere", "resource-elsewhere", old.ChannelExpiryAt!.Value, Ct);
        var renewed = old with { GoogleChannelId = "renewed-elsewhere", GoogleResourceId = "resource-elsewhere" };

        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(renewed, 1), Ct));
        Assert.Equal(PushOutcome.UnknownChannel, await Handler.HandleAsync(Push(old, 2), Ct));
        Assert.Equal(PushOutcome.UnknownChannel, await Handler.HandleAsync(Push(old, 3), Ct));
        // A "sync" message on a channel not stored is acknowledged as a handshake, as before it is stored.
        Assert.Equal(PushOutcome.Handshake, await Handler.HandleAsync(Push(old, 4) with { ResourceState = "sync" }, Ct));
        Assert.Equal(PushOutcome.Enqueued, await Handler.HandleAsync(Push(renewed, 2), Ct));
    }

    /// <summary>Connects and routes bills to a new "Bills" calendar (everything else stays on the primary one); returns
    /// the Bills calendar's id.</summary>
    private async Task<string> RouteBillsToTheirOwnCalendarAsync()
    {
        await H.ConnectAsync();
        await H.DrainQueueAsync();
        var calendars = await H.Services.GetRequiredService<CalendarSetup>().ApplyAsync(H.UserId,
        [
            new CalendarRoute(null, "Bills", [EventType.Bill], ImportForeignEvents: false),
            new CalendarRoute("primary", null, AllButBills, ImportForeignEvents: false),
        ], Ct);
        await H.DrainQueueAsync();
        return calendars.Single(c => c.Summary == "Bills").Id;
    }

    private async Task<CalendarSyncSettings> ChannelOfAsync(string calendarId) =>
        (await H.Settings.GetAsync(H.UserId, Ct))!.ForCalendar((await Calendars.GetAsync(H.UserId, calendarId, Ct))!);

    private async Task CloseWindowsAsync()
    {
        _clock.Advance(Window);
        Assert.Equal(0, await Windows.FlushDueAsync(Ct));
    }

    private static PushNotification Push(CalendarSyncSettings channel, long messageNumber) =>
        new(channel.GoogleChannelId, channel.WebhookSecret, channel.GoogleResourceId, "exists",
            messageNumber.ToString(CultureInfo.InvariantCulture));
}

public sealed class SqliteFurtherCalendarChannelCacheTests(SqliteTestDatabase database) : FurtherCalendarChannelCacheTests<SqliteTestDatabase>(database);

public sealed class PostgresFurtherCalendarChannelCacheTests(PostgresTestDatabase database) : FurtherCalendarChannelCacheTests<PostgresTestDatabase>(database);
