using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using GoogleCalendarEmulator.State;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Choosing the calendar to sync and switching it, end to end (engine + real database + emulator over HTTP);
/// subclassed once per store engine.</summary>
public abstract class CalendarSwitchTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string DedicatedSummary = "Aegis — Bills & income";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private SyncHarness _h = null!;

    private IGoogleConnectionService Connection => _h.Services.GetRequiredService<IGoogleConnectionService>();

    public async Task InitializeAsync() => _h = await SyncHarness.StartAsync(database);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Switching_moves_synced_events_to_the_new_calendar_and_opens_its_channel_before_stopping_the_old_one()
    {
        await _h.ConnectAsync();
        var rent = await _h.CreateEventAsync("Rent");
        var salary = await _h.CreateEventAsync("Salary", EventType.Income, 2400m);
        await _h.DrainQueueAsync();
        var before = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        var dedicated = await Connection.CreateCalendarAsync(_h.UserId, DedicatedSummary, "Europe/Lisbon", Ct);
        await _h.Admin.ClearRequestsAsync();

        var result = await Connection.SwitchCalendarAsync(_h.UserId, dedicated.Id, Ct);
        await _h.DrainQueueAsync();

        Assert.Equal(new CalendarSwitchResult(dedicated.Id, Changed: true, EventsMoved: 2), result);
        foreach (var moved in new[] { rent, salary })
        {
            var eventId = GoogleEventId.FromFinancialEventId(moved.Id);
            Assert.True((await _h.Google.GetEventAsync(_h.Account, "primary", eventId, Ct)).IsCancelled);
            var there = await _h.Google.GetEventAsync(_h.Account, dedicated.Id, eventId, Ct);
            Assert.False(there.IsCancelled);
            Assert.Equal(moved.Id.ToString(), there.GetPrivateProperty(AegisProperties.EventId));
        }

        var mappings = await _h.Mappings.ListAsync(_h.UserId, Ct);
        Assert.Equal(2, mappings.Count);
        Assert.All(mappings, m => Assert.Equal(dedicated.Id, m.GoogleCalendarId));
        var after = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.Equal(dedicated.Id, after.CalendarId);
        Assert.NotEqual(before.GoogleChannelId, after.GoogleChannelId);
        Assert.NotNull(after.SyncToken);

        var requests = (await _h.Admin.GetRequestsAsync()).Where(r => r.Status < 300).ToList();
        var channelCalls = requests.Where(r => r.Operation is "events.watch" or "channels.stop").ToList();
        Assert.Equal(["events.watch", "channels.stop"], channelCalls.Select(r => r.Operation));
        Assert.Contains(dedicated.Id, Uri.UnescapeDataString(channelCalls[0].Path), StringComparison.OrdinalIgnoreCase);
        var firstDelete = requests.FindIndex(r => r.Operation == "events.delete");
        Assert.True(requests.FindIndex(r => r.Operation == "channels.stop") < firstDelete);
        var audit = await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Action: AuditAction.CalendarSwitched), Ct);
        Assert.Equal(AuditOutcome.Success, Assert.Single(audit).Status);
    }

    [Fact]
    public async Task After_a_switch_wallet_edits_go_to_the_new_calendar_and_google_edits_there_flow_back()
    {
        await _h.ConnectAsync();
        var rent = await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();
        var dedicated = await Connection.CreateCalendarAsync(_h.UserId, DedicatedSummary, null, Ct);
        await Connection.SwitchCalendarAsync(_h.UserId, dedicated.Id, Ct);
        await _h.DrainQueueAsync();
        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);

        await _h.EditLocallyAsync(rent.Id, e => e with { Amount = 990m });
        await _h.DrainQueueAsync();
        var afterWalletEdit = await _h.Google.GetEventAsync(_h.Account, dedicated.Id, eventId, Ct);
        await _h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, dedicated.Id, eventId, new { summary = "Rent (new landlord)" });
        await _h.Sync.IncrementalSyncAsync(_h.UserId, Ct);

        Assert.Equal("990", afterWalletEdit.GetPrivateProperty(AegisProperties.Amount));
        Assert.True((await _h.Google.GetEventAsync(_h.Account, "primary", eventId, Ct)).IsCancelled);
        var local = (await _h.Events.GetAsync(_h.UserId, rent.Id, Ct))!;
        Assert.Equal("Rent (new landlord)", local.Title);
        Assert.Equal(990m, local.Amount);
        Assert.Equal(dedicated.Id, (await _h.Mappings.GetByEventAsync(_h.UserId, rent.Id, Ct))!.GoogleCalendarId);
    }

    [Fact]
    public async Task Wallet_edit_racing_a_switch_moves_the_event_instead_of_updating_the_old_copy()
    {
        await _h.ConnectAsync();
        var rent = await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();
        var dedicated = await Connection.CreateCalendarAsync(_h.UserId, DedicatedSummary, null, Ct);
        var settings = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        // The switch has stored the new calendar but not yet re-homed the mapping.
        await _h.Settings.SaveCalendarAsync(_h.UserId, dedicated.Id, settings.GoogleChannelId!, settings.GoogleResourceId,
            settings.ChannelExpiryAt!.Value, Ct);

        await _h.EditLocallyAsync(rent.Id, e => e with { Amount = 1010m });
        await _h.DrainQueueAsync();

        var eventId = GoogleEventId.FromFinancialEventId(rent.Id);
        Assert.True((await _h.Google.GetEventAsync(_h.Account, "primary", eventId, Ct)).IsCancelled);
        Assert.Equal("1010", (await _h.Google.GetEventAsync(_h.Account, dedicated.Id, eventId, Ct)).GetPrivateProperty(AegisProperties.Amount));
        Assert.Equal(dedicated.Id, (await _h.Mappings.GetByEventAsync(_h.UserId, rent.Id, Ct))!.GoogleCalendarId);
        Assert.NotNull(await _h.Events.GetAsync(_h.UserId, rent.Id, Ct));
        Assert.Empty(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
    }

    [Fact]
    public async Task Switching_imports_the_events_already_on_the_new_calendar()
    {
        await _h.ConnectAsync();
        var family = await _h.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Family", CalendarAccessRoles.Writer);
        var start = DateTimeOffset.UtcNow.Date.AddDays(4);
        var school = await _h.Admin.CreateEventAsPersonAsync(SyncHarness.Email, family.Id, new GoogleCalendarEmulator.Calendar.Model.CalendarEvent
        {
            Summary = "School fees",
            Start = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = start.ToString("yyyy-MM-dd") },
            End = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = start.AddDays(1).ToString("yyyy-MM-dd") },
        });

        await Connection.SwitchCalendarAsync(_h.UserId, family.Id, Ct);
        await _h.DrainQueueAsync();

        var imported = Assert.Single(await _h.Events.ListAsync(_h.UserId, new EventQuery(), Ct));
        Assert.Equal("School fees", imported.Title);
        Assert.NotNull(await _h.Mappings.GetByGoogleIdAsync(_h.UserId, family.Id, school.Id!, Ct));
    }

    [Theory]
    [InlineData(CalendarAccessRoles.Reader, CalendarChoiceException.ReadOnly)]
    [InlineData(CalendarAccessRoles.FreeBusyReader, CalendarChoiceException.ReadOnly)]
    [InlineData(null, CalendarChoiceException.NotFound)]
    public async Task Switching_to_a_calendar_the_account_cannot_write_is_refused_and_changes_nothing(string? role, string expectedCode)
    {
        await _h.ConnectAsync();
        var rent = await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();
        var target = role is null
            ? "nobody@group.calendar.google.com"
            : (await _h.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Holidays", role)).Id;
        var settingsBefore = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        var mappingsBefore = await _h.Mappings.ListAsync(_h.UserId, Ct);
        var callsBefore = await _h.CountsAsync();

        var refused = await Assert.ThrowsAsync<CalendarChoiceException>(() => Connection.SwitchCalendarAsync(_h.UserId, target, Ct));

        Assert.Equal(expectedCode, refused.Code);
        Assert.Equal(new Dictionary<string, int> { ["calendarList.list"] = 1 }, SyncHarness.Delta(callsBefore, await _h.CountsAsync()));
        var settingsAfter = (await _h.Settings.GetAsync(_h.UserId, Ct))!;
        Assert.Equal(settingsBefore with { UpdatedAt = settingsAfter.UpdatedAt }, settingsAfter);
        Assert.Equal(mappingsBefore, await _h.Mappings.ListAsync(_h.UserId, Ct));
        Assert.False((await _h.GetRemoteAsync(rent.Id)).IsCancelled);
        Assert.Equal(0, await _h.DrainQueueAsync());
        var audit = Assert.Single(await _h.Audit.QueryAsync(_h.UserId, new AuditQuery(Action: AuditAction.CalendarSwitched), Ct));
        Assert.Equal((AuditOutcome.Failed, expectedCode), (audit.Status, audit.ErrorCode));
    }

    [Fact]
    public async Task Switching_again_to_the_same_calendar_is_a_no_op()
    {
        await _h.ConnectAsync();
        await _h.CreateEventAsync("Rent");
        await _h.DrainQueueAsync();
        var dedicated = await Connection.CreateCalendarAsync(_h.UserId, DedicatedSummary, null, Ct);
        await Connection.SwitchCalendarAsync(_h.UserId, dedicated.Id, Ct);
        await _h.DrainQueueAsync();
        await _h.Admin.ClearRequestsAsync();

        var again = await Connection.SwitchCalendarAsync(_h.UserId, dedicated.Id, Ct);
        var primaryByEmail = await Connection.SwitchCalendarAsync(_h.UserId, SyncHarness.Email, Ct);
        var backToPrimary = await Connection.SwitchCalendarAsync(_h.UserId, "primary", Ct);

        Assert.Equal(new CalendarSwitchResult(dedicated.Id, Changed: false, EventsMoved: 0), again);
        Assert.Equal(new CalendarSwitchResult("primary", Changed: true, EventsMoved: 1), primaryByEmail);
        Assert.Equal(new CalendarSwitchResult("primary", Changed: false, EventsMoved: 0), backToPrimary);
        // Counted by successful responses: under load a call may be retried after a rate-limit answer.
        var succeeded = (await _h.Admin.GetRequestsAsync()).Where(r => r.Status < 300).ToList();
        Assert.Equal(3, succeeded.Count(r => r.Operation == "calendarList.list"));
        Assert.Equal(1, succeeded.Count(r => r.Operation == "events.watch"));
        Assert.Equal(1, succeeded.Count(r => r.Operation == "channels.stop"));
    }

    [Fact]
    public async Task Writable_calendars_list_the_primary_and_writable_ones_and_mark_the_selected_one()
    {
        await _h.ConnectAsync();
        await _h.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Holidays", CalendarAccessRoles.Reader);
        var family = await _h.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Family", CalendarAccessRoles.Writer);
        var dedicated = await Connection.CreateCalendarAsync(_h.UserId, DedicatedSummary, null, Ct);

        var calendars = await Connection.ListWritableCalendarsAsync(_h.UserId, Ct);

        Assert.Equal([SyncHarness.Email, dedicated.Id, family.Id], calendars.Select(c => c.Id));
        Assert.True(calendars[0].Primary);
        Assert.True(calendars[0].Selected);
        Assert.Equal(CalendarListEntry.WriterRole, calendars[2].AccessRole);
        Assert.DoesNotContain(calendars.Skip(1), c => c.Selected);
    }

    [Fact]
    public async Task Calendar_operations_require_a_connected_account()
    {
        var user = await _h.Services.GetRequiredService<IUserStore>().CreateAsync("someone@example.com", "Someone", Ct);

        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => Connection.SwitchCalendarAsync(user.Id, "primary", Ct));
        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => Connection.ListWritableCalendarsAsync(user.Id, Ct));
        await Assert.ThrowsAsync<GoogleAccountNotConnectedException>(() => Connection.CreateCalendarAsync(user.Id, DedicatedSummary, null, Ct));
    }
}

public sealed class SqliteCalendarSwitchTests(SqliteTestDatabase database) : CalendarSwitchTests<SqliteTestDatabase>(database);

public sealed class PostgresCalendarSwitchTests(PostgresTestDatabase database) : CalendarSwitchTests<PostgresTestDatabase>(database);
