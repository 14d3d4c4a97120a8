using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Clock;
using Aegis.CalendarSync.Google.Models;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.State;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Several calendars of one Google account, end to end (engine + real database + emulator over HTTP + the
/// emulator's pushes to a real webhook listener): routing by event type, a channel and a sync token per calendar, moves
/// with events.move, renewal per calendar, routing changes that never delete a wallet record. Subclassed per engine.</summary>
public abstract class MultiCalendarSyncTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly EventType[] Others = [EventType.Expense, EventType.Transfer, EventType.Reminder];

    private readonly TestClock _clock = TestClock.SystemShiftedBy(TimeSpan.Zero);
    private EngineWebhook _webhook = null!;
    private SyncHarness H { get; set; } = null!;

    private CalendarSetup Setup => H.Services.GetRequiredService<CalendarSetup>();
    private ISyncedCalendarStore Calendars => H.Services.GetRequiredService<ISyncedCalendarStore>();

    public async Task InitializeAsync()
    {
        _webhook = EngineWebhook.Start();
        H = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            SharedClock = _clock,
            Settings = { ["Connection:PublicBaseUrl"] = _webhook.BaseUrl },
        });
        _webhook.Attach(H);
    }

    public async Task DisposeAsync()
    {
        await H.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    /// <summary>Connects, then routes bills to a new "Bills" calendar and income to a new "Income" calendar (both marked
    /// for import); everything else stays on the primary calendar. Returns (bills id, income id).</summary>
    private async Task<(string Bills, string Income)> RouteBillsAndIncomeAsync()
    {
        await H.ConnectAsync(ConflictStrategy.LastWriteWins, importForeignEvents: false);
        var calendars = await Setup.ApplyAsync(H.UserId,
        [
            new CalendarRoute(null, "Bills", [EventType.Bill], ImportForeignEvents: true),
            new CalendarRoute(null, "Income", [EventType.Income], ImportForeignEvents: true),
            new CalendarRoute("primary", null, Others, ImportForeignEvents: false),
        ], Ct);
        await H.DrainQueueAsync();
        return (calendars.Single(c => c.Summary == "Bills").Id, calendars.Single(c => c.Summary == "Income").Id);
    }

    /// <summary>Delivers every push Google has queued, lets their debounced syncs fall due and runs them, twice (a sync
    /// can cause pushes of its own); an older pending item of the user holds back newer ones, so nothing is left waiting.</summary>
    private async Task SettleAsync()
    {
        for (var round = 0; round < 2; round++)
        {
            await H.Admin.FlushNotificationsAsync();
            _clock.Advance(TimeSpan.FromSeconds(1));
            await H.DrainQueueAsync();
        }
    }

    private Task<GoogleEvent> RemoteAsync(string calendarId, Guid financialEventId) =>
        H.Google.GetEventAsync(H.Account, calendarId, GoogleEventId.FromFinancialEventId(financialEventId), Ct);

    private async Task<List<RequestLogEntry>> RequestsAsync() =>
        (await H.Admin.GetRequestsAsync()).Where(r => r.Status < 300).ToList();

    private static bool On(RequestLogEntry request, string calendarId) =>
        Uri.UnescapeDataString(request.Path).Contains($"/calendars/{calendarId}/", StringComparison.Ordinal);

    [Fact]
    public async Task Bills_and_income_go_to_their_own_calendars_and_an_edit_in_each_calendar_reaches_the_wallet_through_its_channel()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var rent = await H.CreateEventAsync("Rent");
        var salary = await H.CreateEventAsync("Salary", EventType.Income, 2400m);
        var coffee = await H.CreateEventAsync("Coffee beans", EventType.Expense, 18m);
        await H.DrainQueueAsync();
        await SettleAsync();

        Assert.False((await RemoteAsync(bills, rent.Id)).IsCancelled);
        Assert.False((await RemoteAsync(income, salary.Id)).IsCancelled);
        Assert.False((await RemoteAsync("primary", coffee.Id)).IsCancelled);
        Assert.Equal(bills, (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!.GoogleCalendarId);
        Assert.Equal(income, (await H.Mappings.GetByEventAsync(H.UserId, salary.Id, Ct))!.GoogleCalendarId);
        var channels = (await Calendars.ListAsync(H.UserId, Ct)).Select(c => c.GoogleChannelId).ToList();
        channels.Add((await H.Settings.GetAsync(H.UserId, Ct))!.GoogleChannelId);
        Assert.Equal(3, channels.Where(c => c is not null).Distinct().Count());

        await H.Admin.ClearRequestsAsync();
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, bills, GoogleEventId.FromFinancialEventId(rent.Id), new { summary = "Rent (new landlord)" });
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, income, GoogleEventId.FromFinancialEventId(salary.Id), new { summary = "Salary + bonus" });
        await H.Admin.FlushNotificationsAsync();
        Assert.Null(_webhook.Failure);
        var pending = (await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct)).Where(i => i.Direction == SyncDirection.FromGoogle).ToList();
        Assert.Equal(new[] { bills, income }.Order(), pending.Select(i => i.GoogleCalendarId!).Order());
        _clock.Advance(TimeSpan.FromSeconds(1));
        await H.DrainQueueAsync();

        Assert.Equal("Rent (new landlord)", (await H.Events.GetAsync(H.UserId, rent.Id, Ct))!.Title);
        Assert.Equal("Salary + bonus", (await H.Events.GetAsync(H.UserId, salary.Id, Ct))!.Title);
        var lists = (await RequestsAsync()).Where(r => r.Operation == "events.list").ToList();
        Assert.Contains(lists, r => On(r, bills));
        Assert.Contains(lists, r => On(r, income));
        Assert.DoesNotContain(lists, r => On(r, "primary"));
        Assert.DoesNotContain(await RequestsAsync(), r => r.Operation is "events.update" or "events.patch" or "events.insert" && r.Account is not null
            && !r.Path.Contains("/emulator/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_a_person_adds_to_the_income_calendar_is_imported_as_income_and_stays_there()
    {
        var (_, income) = await RouteBillsAndIncomeAsync();
        var day = DateTimeOffset.UtcNow.Date.AddDays(3);
        await H.Admin.CreateEventAsPersonAsync(SyncHarness.Email, income, new GoogleCalendarEmulator.Calendar.Model.CalendarEvent
        {
            Summary = "Tax refund",
            Start = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = day.ToString("yyyy-MM-dd") },
            End = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = day.AddDays(1).ToString("yyyy-MM-dd") },
        });
        await SettleAsync();

        var imported = Assert.Single(await H.Events.ListAsync(H.UserId, new EventQuery(), Ct));
        Assert.Equal(EventType.Income, imported.EventType);
        Assert.Equal(income, (await H.Mappings.GetByEventAsync(H.UserId, imported.Id, Ct))!.GoogleCalendarId);
        Assert.DoesNotContain(await RequestsAsync(), r => r.Operation == "events.move");
    }

    [Fact]
    public async Task A_type_change_moves_the_event_with_one_events_move_and_its_echo_on_the_new_calendar_changes_nothing()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var payout = await H.CreateEventAsync("Freelance payout", EventType.Bill, 700m);
        await H.DrainQueueAsync();
        await SettleAsync();
        await H.Admin.ClearRequestsAsync();

        await H.EditLocallyAsync(payout.Id, e => e with { EventType = EventType.Income });
        await H.DrainQueueAsync();
        await H.Admin.FlushNotificationsAsync();

        var writes = (await RequestsAsync()).Where(r => r.Operation is "events.move" or "events.insert" or "events.delete").ToList();
        var move = Assert.Single(writes);
        Assert.Equal("events.move", move.Operation);
        Assert.True(On(move, bills));
        var moved = await RemoteAsync(income, payout.Id);
        Assert.False(moved.IsCancelled);
        Assert.Equal("income", moved.GetPrivateProperty(AegisProperties.Type));
        Assert.True((await RemoteAsync(bills, payout.Id)).IsCancelled);
        var mapping = (await H.Mappings.GetByEventAsync(H.UserId, payout.Id, Ct))!;
        Assert.Equal(income, mapping.GoogleCalendarId);
        Assert.Equal(moved.Etag, mapping.GoogleEtag);

        // Both calendars notify; the source reports the event cancelled, the target the moved copy: neither is a change.
        var walletBefore = (await H.Events.GetAsync(H.UserId, payout.Id, Ct))!;
        await H.Admin.ClearRequestsAsync();
        await SettleAsync();

        var walletAfter = (await H.Events.GetAsync(H.UserId, payout.Id, Ct))!;
        Assert.Equal(walletBefore.UpdatedAt, walletAfter.UpdatedAt);
        Assert.Null(walletAfter.DeletedAt);
        Assert.Contains(await RequestsAsync(), r => r.Operation == "events.list" && On(r, income));
        Assert.DoesNotContain(await RequestsAsync(), r => r.Operation is "events.update" or "events.patch" or "events.insert" or "events.delete");
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.Conflict), Ct));
    }

    [Fact]
    public async Task A_batch_of_changes_routed_to_three_calendars_goes_as_one_batch_request_and_a_type_change_moves_before_its_write()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var payout = await H.CreateEventAsync("Freelance payout", EventType.Bill, 700m);
        await H.DrainQueueAsync();
        await SettleAsync();
        await H.Admin.ClearRequestsAsync();

        var rent = await H.CreateEventAsync("Rent");
        var salary = await H.CreateEventAsync("Salary", EventType.Income, 2400m);
        var coffee = await H.CreateEventAsync("Coffee beans", EventType.Expense, 18m);
        await H.EditLocallyAsync(payout.Id, e => e with { EventType = EventType.Income, Title = "Freelance payout (March)" });
        await H.DrainQueueAsync();

        var requests = await RequestsAsync();
        // One HTTP request for the four writes, each part on its event's calendar; the move is a plain call made first.
        Assert.Equal(1, requests.Count(r => r.Operation == "batch"));
        var writes = requests.Where(r => r.Operation is "events.insert" or "events.update" or "events.move").ToList();
        Assert.Equal(["events.insert", "events.insert", "events.insert", "events.move", "events.update"],
            writes.Select(r => r.Operation).Order(StringComparer.Ordinal));
        var move = Assert.Single(writes, r => r.Operation == "events.move");
        Assert.False(move.InBatch);
        Assert.True(On(move, bills));
        Assert.True(requests.IndexOf(move) < requests.FindIndex(r => r.Operation == "batch"), "the move precedes the batch carrying its update");
        Assert.All(writes.Where(r => r != move), r => Assert.True(r.InBatch, $"{r.Operation} {r.Path}"));
        Assert.True(On(writes.Single(r => r.Operation == "events.update"), income));
        Assert.Equal(new[] { bills, income, "primary" }.Order(),
            writes.Where(r => r.Operation == "events.insert").Select(r => new[] { bills, income, "primary" }.Single(c => On(r, c))).Order());

        Assert.False((await RemoteAsync(bills, rent.Id)).IsCancelled);
        Assert.False((await RemoteAsync(income, salary.Id)).IsCancelled);
        Assert.False((await RemoteAsync("primary", coffee.Id)).IsCancelled);
        var moved = await RemoteAsync(income, payout.Id);
        Assert.Contains("Freelance payout (March)", moved.Summary);
        Assert.Equal("income", moved.GetPrivateProperty(AegisProperties.Type));
        Assert.True((await RemoteAsync(bills, payout.Id)).IsCancelled);
        Assert.Equal(income, (await H.Mappings.GetByEventAsync(H.UserId, payout.Id, Ct))!.GoogleCalendarId);
        // Every push done (what is left pending is the echoes' debounced syncs from the calendars' channels).
        Assert.DoesNotContain(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct), i => i.Direction == SyncDirection.ToGoogle);
    }

    [Fact]
    public async Task Each_calendar_has_one_channel_and_one_renewal_pass_renews_each_channel_once()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var before = (await Calendars.ListAsync(H.UserId, Ct)).ToDictionary(c => c.CalendarId, c => c.GoogleChannelId);
        var defaultBefore = (await H.Settings.GetAsync(H.UserId, Ct))!.GoogleChannelId;
        await H.Admin.ClearRequestsAsync();
        _clock.Advance(TimeSpan.FromDays(6.5));

        var renewal = H.Services.GetRequiredService<ChannelRenewal>();
        var results = await renewal.RenewDueAsync(Ct);
        var again = await renewal.RenewDueAsync(Ct);

        Assert.Equal(new string?[] { null, bills, income }.Order(), results.Select(r => r.CalendarId).Order());
        Assert.All(results, r => Assert.True(r.Renewed));
        Assert.Empty(again);
        var requests = await RequestsAsync();
        var watches = requests.Where(r => r.Operation == "events.watch").ToList();
        Assert.Equal(3, watches.Count);
        Assert.Single(watches, w => On(w, bills));
        Assert.Single(watches, w => On(w, income));
        Assert.Single(watches, w => On(w, "primary"));
        Assert.Equal(3, requests.Count(r => r.Operation == "channels.stop"));
        var after = (await Calendars.ListAsync(H.UserId, Ct)).ToDictionary(c => c.CalendarId, c => c.GoogleChannelId);
        Assert.All(after, pair => Assert.NotEqual(before[pair.Key], pair.Value));
        Assert.NotEqual(defaultBefore, (await H.Settings.GetAsync(H.UserId, Ct))!.GoogleChannelId);
        await H.Admin.FlushNotificationsAsync();
        Assert.Null(_webhook.Failure);
    }

    [Fact]
    public async Task A_410_on_one_calendar_full_syncs_that_calendar_only()
    {
        var (bills, _) = await RouteBillsAndIncomeAsync();
        await Calendars.SetSyncTokenAsync(H.UserId, bills, "not-a-token", Ct);
        await H.Admin.ClearRequestsAsync();

        await H.Sync.IncrementalSyncAsync(H.UserId, bills, Ct);

        var all = await H.Admin.GetRequestsAsync();
        Assert.Contains(all, r => r.Operation == "events.list" && r.Status == 410 && On(r, bills));
        var lists = all.Where(r => r.Operation == "events.list" && r.Status < 300).ToList();
        Assert.NotEmpty(lists);
        Assert.All(lists, r => Assert.True(On(r, bills)));
        Assert.NotEqual("not-a-token", (await Calendars.GetAsync(H.UserId, bills, Ct))!.SyncToken);
        Assert.NotNull((await Calendars.GetAsync(H.UserId, bills, Ct))!.LastFullSyncAt);
    }

    [Fact]
    public async Task A_routing_change_moves_the_events_of_a_dropped_calendar_and_deletes_no_wallet_record()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var rent = await H.CreateEventAsync("Rent");
        var water = await H.CreateEventAsync("Water", EventType.Bill, 40m);
        var salary = await H.CreateEventAsync("Salary", EventType.Income, 2400m);
        await H.DrainQueueAsync();
        await SettleAsync();
        var billsChannel = (await Calendars.GetAsync(H.UserId, bills, Ct))!.GoogleChannelId;
        await H.Admin.ClearRequestsAsync();

        var calendars = await Setup.ApplyAsync(H.UserId,
        [
            new CalendarRoute(income, null, [EventType.Income], ImportForeignEvents: true),
            new CalendarRoute("primary", null, [EventType.Bill, .. Others], ImportForeignEvents: false),
        ], Ct);
        await H.DrainQueueAsync();

        Assert.False(calendars.Single(c => c.Id == bills).Synced);
        Assert.Equal([EventType.Bill, .. Others], calendars.Single(c => c.Id == "primary").EventTypes);
        var requests = await RequestsAsync();
        Assert.Equal(2, requests.Count(r => r.Operation == "events.move"));
        Assert.DoesNotContain(requests, r => r.Operation is "events.delete" or "events.insert");
        Assert.Single(requests, r => r.Operation == "channels.stop");
        foreach (var moved in new[] { rent, water })
        {
            Assert.False((await RemoteAsync("primary", moved.Id)).IsCancelled);
            Assert.Equal("primary", (await H.Mappings.GetByEventAsync(H.UserId, moved.Id, Ct))!.GoogleCalendarId);
        }

        Assert.Equal(3, (await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)).Count);
        Assert.Equal(income, (await H.Mappings.GetByEventAsync(H.UserId, salary.Id, Ct))!.GoogleCalendarId);
        Assert.Null(await Calendars.GetAsync(H.UserId, bills, Ct));
        Assert.Empty(await H.Audit.QueryAsync(H.UserId, new AuditQuery(Action: AuditAction.DeleteFromGoogle), Ct));

        // A late push of the dropped calendar's old channel finds no calendar to sync and changes nothing.
        await SettleAsync();
        Assert.Equal(3, (await H.Events.ListAsync(H.UserId, new EventQuery(), Ct)).Count);
        Assert.NotNull(billsChannel);
    }

    [Fact]
    public async Task Switching_to_one_calendar_routes_every_type_there_and_stops_the_other_calendars_channels()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        await SettleAsync();
        await H.Admin.ClearRequestsAsync();

        await H.Services.GetRequiredService<IGoogleConnectionService>().SwitchCalendarAsync(H.UserId, income, Ct);
        await H.DrainQueueAsync();
        await SettleAsync();

        Assert.Empty(await Calendars.ListAsync(H.UserId, Ct));
        Assert.Equal(income, (await H.Settings.GetAsync(H.UserId, Ct))!.CalendarId);
        Assert.Equal(income, (await H.Mappings.GetByEventAsync(H.UserId, rent.Id, Ct))!.GoogleCalendarId);
        Assert.False((await RemoteAsync(income, rent.Id)).IsCancelled);
        Assert.True((await RemoteAsync(bills, rent.Id)).IsCancelled);
        // The old default's channel, the Bills calendar's and the one the Income calendar had as a further calendar
        // (the switch opened a new one on it first).
        Assert.Equal(3, (await RequestsAsync()).Count(r => r.Operation == "channels.stop"));
        Assert.Equal(1, (await RequestsAsync()).Count(r => r.Operation == "events.watch"));
        Assert.NotNull(await H.Events.GetAsync(H.UserId, rent.Id, Ct));
    }

    [Fact]
    public async Task After_a_reconnect_the_further_calendars_get_channels_with_the_new_secret_and_their_pushes_still_reach_the_wallet()
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var rent = await H.CreateEventAsync("Rent");
        await H.DrainQueueAsync();
        await SettleAsync();
        var before = (await Calendars.GetAsync(H.UserId, bills, Ct))!.GoogleChannelId;

        var connection = H.Services.GetRequiredService<IGoogleConnectionService>();
        var (code, state) = await H.AuthorizeAsync(await connection.StartAuthorizationAsync(H.UserId, SyncHarness.RedirectUri, Ct));
        await connection.CompleteAuthorizationAsync(state, code, null, SyncHarness.RedirectUri, Ct);
        await H.StartFirstSyncAsync(Ct);
        await H.DrainQueueAsync();
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, bills, GoogleEventId.FromFinancialEventId(rent.Id), new { summary = "Rent (after reconnect)" });
        await SettleAsync();

        Assert.Equal(new[] { bills, income }.Order(), (await Calendars.ListAsync(H.UserId, Ct)).Select(c => c.CalendarId).Order());
        Assert.NotEqual(before, (await Calendars.GetAsync(H.UserId, bills, Ct))!.GoogleChannelId);
        Assert.Equal("Rent (after reconnect)", (await H.Events.GetAsync(H.UserId, rent.Id, Ct))!.Title);
        Assert.Null(_webhook.Failure);
    }

    public static TheoryData<string, string> RefusedRoutings => new()
    {
        { "unknown", CalendarChoiceException.NotFound },
        { "read-only", CalendarChoiceException.ReadOnly },
        { "type missing", CalendarChoiceException.RoutingInvalid },
        { "type twice", CalendarChoiceException.RoutingInvalid },
        { "calendar twice", CalendarChoiceException.RoutingInvalid },
    };

    [Theory]
    [MemberData(nameof(RefusedRoutings))]
    public async Task A_routing_that_is_not_every_type_to_exactly_one_writable_calendar_is_refused_and_changes_nothing(string routing, string code)
    {
        var (bills, income) = await RouteBillsAndIncomeAsync();
        var shared = await H.Admin.AddSharedCalendarAsync(SyncHarness.Email, "Family", CalendarAccessRoles.Reader);
        var before = await Calendars.ListAsync(H.UserId, Ct);
        var settingsBefore = (await H.Settings.GetAsync(H.UserId, Ct))!;
        await H.Admin.ClearRequestsAsync();
        CalendarRoute[] request = routing switch
        {
            "unknown" => [new("no-such-calendar", null, [EventType.Bill], false), new("primary", null, [EventType.Income, .. Others], false)],
            "read-only" => [new(shared.Id, null, [EventType.Bill], false), new("primary", null, [EventType.Income, .. Others], false)],
            "type missing" => [new(bills, null, [EventType.Bill], false), new("primary", null, Others, false)],
            "type twice" => [new(bills, null, [EventType.Bill, EventType.Income], false), new(income, null, [EventType.Income], false),
                new("primary", null, Others, false)],
            _ => [new(bills, null, [EventType.Bill], false), new(bills, null, [EventType.Income], false), new("primary", null, Others, false)],
        };

        var refused = await Assert.ThrowsAsync<CalendarChoiceException>(() => Setup.ApplyAsync(H.UserId, request, Ct));

        Assert.Equal(code, refused.Code);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equivalent(before, await Calendars.ListAsync(H.UserId, Ct));
        Assert.Equal(settingsBefore with { UpdatedAt = default }, (await H.Settings.GetAsync(H.UserId, Ct))! with { UpdatedAt = default });
        Assert.DoesNotContain(await RequestsAsync(), r => r.Operation is "events.watch" or "channels.stop" or "calendars.insert" or "events.move");
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct));
    }
}

public sealed class SqliteMultiCalendarSyncTests(SqliteTestDatabase database) : MultiCalendarSyncTests<SqliteTestDatabase>(database);

public sealed class PostgresMultiCalendarSyncTests(PostgresTestDatabase database) : MultiCalendarSyncTests<PostgresTestDatabase>(database);
