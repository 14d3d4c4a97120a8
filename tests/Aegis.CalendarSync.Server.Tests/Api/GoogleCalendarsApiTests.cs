using System.Net.Http.Json;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.State;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>GET/POST /api/google/calendars and the calendar_id of PUT /api/sync/settings, over HTTP against the
/// real server and emulator.</summary>
public sealed class GoogleCalendarsApiTests : IAsyncLifetime
{
    private const string GoogleAccountEmail = "demo@example.com";
    private const string Dedicated = "Aegis — Bills & income";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("calendars@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Calendar_routes_answer_409_while_no_google_account_is_connected()
    {
        await (await _user.Client.GetAsync("api/google/calendars")).AssertProblemAsync(409);
        await (await _user.Client.PostJsonAsync("api/google/calendars", new { summary = Dedicated })).AssertProblemAsync(409);
        await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = "family@group.calendar.google.com" })).AssertProblemAsync(409);

        var settings = await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.Equal("primary", (string?)settings["calendar_id"]);
    }

    [Fact]
    public async Task A_switch_while_another_one_of_the_user_runs_is_refused_with_409_and_changes_nothing()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var family = await _server.EmulatorAdmin.AddSharedCalendarAsync(GoogleAccountEmail, "Family", CalendarAccessRoles.Writer);
        var before = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        // Another node (or request) is in the middle of a switch: it holds the user's switch lease.
        var leases = _server.Get<IJobLeaseStore>();
        var running = (await leases.TryAcquireAsync(CalendarChoice.SwitchLeaseName(_user.Id), "other-node/switch", TimeSpan.FromMinutes(2), CancellationToken.None))!;

        var busy = await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = family.Id })).AssertProblemAsync(409);
        var unchanged = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        await leases.ReleaseAsync(running, CancellationToken.None);
        var done = await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = family.Id });

        Assert.Equal("calendar_switch_in_progress", (string?)busy["code"]);
        Assert.Contains("already in progress", (string?)busy["detail"], StringComparison.Ordinal);
        Assert.Equal(before!.CalendarId, unchanged!.CalendarId);
        Assert.Equal(before.GoogleChannelId, unchanged.GoogleChannelId);
        Assert.Equal(System.Net.HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(family.Id, (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!.CalendarId);
    }

    [Fact]
    public async Task Unknown_or_read_only_calendars_and_invalid_bodies_are_refused_with_400_and_change_nothing()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var holidays = await _server.EmulatorAdmin.AddSharedCalendarAsync(GoogleAccountEmail, "Holidays", CalendarAccessRoles.Reader);
        var before = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);

        var unknown = await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = "nobody@group.calendar.google.com" })).AssertProblemAsync(400);
        var readOnly = await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = holidays.Id })).AssertProblemAsync(400);
        var noSummary = await (await _user.Client.PostJsonAsync("api/google/calendars", new { summary = " " })).AssertProblemAsync(400);
        var longSummary = await (await _user.Client.PostJsonAsync("api/google/calendars", new { summary = new string('x', 256) })).AssertProblemAsync(400);
        var badZone = await (await _user.Client.PostJsonAsync("api/google/calendars", new { summary = Dedicated, time_zone = "Mars/Olympus" })).AssertProblemAsync(400);
        await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = "" })).AssertProblemAsync(400);

        Assert.Equal("calendar_not_found", (string?)unknown["code"]);
        Assert.Equal("calendar_read_only", (string?)readOnly["code"]);
        Assert.NotNull(noSummary["errors"]!["summary"]);
        Assert.NotNull(longSummary["errors"]!["summary"]);
        Assert.NotNull(badZone["errors"]!["time_zone"]);
        var after = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        Assert.Equal("primary", after!.CalendarId);
        Assert.Equal(before!.GoogleChannelId, after.GoogleChannelId);
        var calendars = (await (await _user.Client.GetAsync("api/google/calendars")).ReadJsonAsync()).AsArray();
        Assert.DoesNotContain(calendars, c => (string?)c!["id"] == holidays.Id);
    }

    [Fact]
    public async Task Events_a_person_creates_are_imported_only_once_the_calendar_is_marked_for_import()
    {
        await _server.ConnectGoogleAsync(_user, importForeignEvents: false);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        Assert.False((bool)(await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync())["import_foreign_events"]!);
        var day = DateTimeOffset.UtcNow.Date.AddDays(4);
        await _server.EmulatorAdmin.CreateEventAsPersonAsync(GoogleAccountEmail, "primary", new GoogleCalendarEmulator.Calendar.Model.CalendarEvent
        {
            Summary = "Birthday",
            Start = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = day.ToString("yyyy-MM-dd") },
            End = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = day.AddDays(1).ToString("yyyy-MM-dd") },
        });
        await (await _user.Client.PostAsync("api/sync/now", null)).ReadJsonAsync(202);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        Assert.Empty((await (await _user.Client.GetAsync("api/events")).ReadJsonAsync())["items"]!.AsArray());

        var marked = await (await _user.Client.PutJsonAsync("api/sync/settings", new { import_foreign_events = true })).ReadJsonAsync();
        Assert.True((bool)marked["import_foreign_events"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var items = (await (await _user.Client.GetAsync("api/events")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(["Birthday"], items.Select(e => (string)e!["title"]!));

        // A calendar created from Aegis is its own, marked for import; switching to another one clears the marking.
        var created = await (await _user.Client.PostJsonAsync("api/google/calendars", new { summary = Dedicated })).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var settings = await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.Equal((string?)created["calendar"]!["id"], (string?)settings["calendar_id"]);
        Assert.True((bool)settings["import_foreign_events"]!);
        var back = await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = "primary" })).ReadJsonAsync();
        Assert.False((bool)back["import_foreign_events"]!);
    }

    [Fact]
    public async Task Creating_a_dedicated_calendar_switches_sync_to_it_and_moves_the_synced_events()
    {
        await _server.ConnectGoogleAsync(_user);
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);
        var eventId = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var response = await (await _user.Client.PostJsonAsync("api/google/calendars", new { summary = Dedicated, time_zone = "Europe/Lisbon" }))
            .ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var calendarId = (string)response["calendar"]!["id"]!;
        Assert.Equal(Dedicated, (string?)response["calendar"]!["summary"]);
        Assert.True((bool?)response["calendar"]!["selected"]);
        Assert.Equal(1, (int?)response["events_moved"]);
        var calendars = (await (await _user.Client.GetAsync("api/google/calendars")).ReadJsonAsync()).AsArray();
        Assert.Equal([GoogleAccountEmail, calendarId], calendars.Select(c => (string)c!["id"]!));
        Assert.Equal([false, true], calendars.Select(c => (bool)c!["selected"]!));
        Assert.Equal("owner", (string?)calendars[1]!["access_role"]);
        Assert.Equal(calendarId, (string?)(await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync())["calendar_id"]);
        var google = _server.Get<IGoogleCalendarClient>();
        var googleEventId = GoogleEventId.FromFinancialEventId(eventId);
        Assert.False((await google.GetEventAsync(new GoogleAccount(_user.Id), calendarId, googleEventId, CancellationToken.None)).IsCancelled);
        Assert.True((await google.GetEventAsync(new GoogleAccount(_user.Id), "primary", googleEventId, CancellationToken.None)).IsCancelled);
    }

    [Fact]
    public async Task Settings_calendar_id_switches_to_a_writable_calendar_and_back_to_primary()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var family = await _server.EmulatorAdmin.AddSharedCalendarAsync(GoogleAccountEmail, "Family", CalendarAccessRoles.Writer);

        var switched = await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = family.Id, conflict_strategy = "google_wins" }))
            .ReadJsonAsync();
        var back = await (await _user.Client.PutJsonAsync("api/sync/settings", new { calendar_id = "primary" })).ReadJsonAsync();

        Assert.Equal(family.Id, (string?)switched["calendar_id"]);
        Assert.Equal("google_wins", (string?)switched["conflict_strategy"]);
        Assert.Equal("primary", (string?)back["calendar_id"]);
        Assert.Equal("google_wins", (string?)back["conflict_strategy"]);
    }
}
