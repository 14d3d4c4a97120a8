using System.Text.Json.Nodes;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.State;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>GET/PUT /api/sync/calendars over HTTP against the real server and emulator: the account's calendars with
/// their routing, and routing event types to several calendars (validation refuses and changes nothing).</summary>
public sealed class SyncCalendarsApiTests : IAsyncLifetime
{
    private const string GoogleAccountEmail = "demo@example.com";
    private static readonly string[] AllTypes = ["bill", "income", "expense", "transfer", "reminder"];
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("routing@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonArray> GetCalendarsAsync() => (await (await _user.Client.GetAsync("api/sync/calendars")).ReadJsonAsync()).AsArray();

    private static string[] Types(JsonNode? calendar) => calendar!["event_types"]!.AsArray().Select(t => (string)t!).ToArray();

    [Fact]
    public async Task Calendars_answer_409_while_no_google_account_is_connected()
    {
        await (await _user.Client.GetAsync("api/sync/calendars")).AssertProblemAsync(409);
        await (await _user.Client.PutJsonAsync("api/sync/calendars", new { calendars = new[] { new { id = "primary", event_types = AllTypes } } }))
            .AssertProblemAsync(409);
    }

    [Fact]
    public async Task Get_lists_the_account_calendars_with_role_routing_import_flag_channel_expiry_and_last_sync()
    {
        await _server.ConnectGoogleAsync(_user, importForeignEvents: false);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var holidays = await _server.EmulatorAdmin.AddSharedCalendarAsync(GoogleAccountEmail, "Holidays", CalendarAccessRoles.Reader);

        var calendars = await GetCalendarsAsync();

        var primary = calendars.Single(c => (string?)c!["id"] == "primary")!;
        Assert.True((bool)primary["default"]!);
        Assert.True((bool)primary["synced"]!);
        Assert.Equal(AllTypes, Types(primary));
        Assert.Equal("owner", (string?)primary["access_role"]);
        Assert.False((bool)primary["import_foreign_events"]!);
        Assert.NotNull((DateTimeOffset?)primary["channel_expires_at"]);
        Assert.NotNull((DateTimeOffset?)primary["last_synced_at"]);
        var shared = calendars.Single(c => (string?)c!["id"] == holidays.Id)!;
        Assert.Equal("reader", (string?)shared["access_role"]);
        Assert.False((bool)shared["writable"]!);
        Assert.False((bool)shared["synced"]!);
        Assert.Empty(Types(shared));
    }

    [Fact]
    public async Task Put_routes_bills_and_income_to_two_new_calendars_and_the_wallet_events_follow()
    {
        await _server.ConnectGoogleAsync(_user, importForeignEvents: false);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var answer = (await (await _user.Client.PutJsonAsync("api/sync/calendars", new
        {
            calendars = new object[]
            {
                new { new_calendar_name = "Bills", event_types = new[] { "bill" }, import_foreign_events = true },
                new { new_calendar_name = "Income", event_types = new[] { "income" }, import_foreign_events = true },
                new { id = "primary", event_types = new[] { "expense", "transfer", "reminder" }, import_foreign_events = false },
            },
        })).ReadJsonAsync()).AsArray();
        var bill = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Electricity"))).ReadJsonAsync(201);
        var incomeBody = EventBodies.With("event_type", "income");
        incomeBody["title"] = "Salary";
        var income = await (await _user.Client.PostJsonAsync("api/events", incomeBody)).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var bills = answer.Single(c => (string?)c!["summary"] == "Bills")!;
        var incomes = answer.Single(c => (string?)c!["summary"] == "Income")!;
        Assert.Equal(["bill"], Types(bills));
        Assert.Equal(["income"], Types(incomes));
        Assert.True((bool)bills["import_foreign_events"]!);
        Assert.NotNull((DateTimeOffset?)bills["channel_expires_at"]);
        Assert.Equal(["expense", "transfer", "reminder"], Types(answer.Single(c => (string?)c!["id"] == "primary")));
        var mappings = _server.Get<IMappingStore>();
        Assert.Equal((string?)bills["id"], (await mappings.GetByEventAsync(_user.Id, Guid.Parse((string)bill["id"]!), CancellationToken.None))!.GoogleCalendarId);
        Assert.Equal((string?)incomes["id"], (await mappings.GetByEventAsync(_user.Id, Guid.Parse((string)income["id"]!), CancellationToken.None))!.GoogleCalendarId);
        var inGoogle = await _server.EmulatorAdmin.ListEventsAsPersonAsync(GoogleAccountEmail, (string)bills["id"]!);
        Assert.Contains(inGoogle.Items, e => e.Id == GoogleEventId.FromFinancialEventId(Guid.Parse((string)bill["id"]!)));
        Assert.Equivalent(answer.Select(c => (string?)c!["id"]).Order(), (await GetCalendarsAsync()).Select(c => (string?)c!["id"]).Order());
    }

    [Fact]
    public async Task Put_refuses_unknown_or_read_only_calendars_an_incomplete_routing_and_bad_bodies_with_400_and_changes_nothing()
    {
        await _server.ConnectGoogleAsync(_user, importForeignEvents: false);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var holidays = await _server.EmulatorAdmin.AddSharedCalendarAsync(GoogleAccountEmail, "Holidays", CalendarAccessRoles.Reader);
        var before = (await GetCalendarsAsync()).ToJsonString();
        var settingsBefore = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        object Route(string id, params string[] types) => new { id, event_types = types };

        var unknown = await (await _user.Client.PutJsonAsync("api/sync/calendars",
            new { calendars = new[] { Route("nobody@group.calendar.google.com", "bill"), Route("primary", "income", "expense", "transfer", "reminder") } }))
            .AssertProblemAsync(400);
        var readOnly = await (await _user.Client.PutJsonAsync("api/sync/calendars",
            new { calendars = new[] { Route(holidays.Id!, "bill"), Route("primary", "income", "expense", "transfer", "reminder") } }))
            .AssertProblemAsync(400);
        var incomplete = await (await _user.Client.PutJsonAsync("api/sync/calendars",
            new { calendars = new[] { Route("primary", "bill", "income") } })).AssertProblemAsync(400);
        var badType = await (await _user.Client.PutJsonAsync("api/sync/calendars",
            new { calendars = new[] { Route("primary", "bill", "income", "expense", "transfer", "reminder", "salary") } })).AssertProblemAsync(400);
        var empty = await (await _user.Client.PutJsonAsync("api/sync/calendars", new { calendars = Array.Empty<object>() })).AssertProblemAsync(400);
        var both = await (await _user.Client.PutJsonAsync("api/sync/calendars",
            new { calendars = new[] { new { id = "primary", new_calendar_name = "Bills", event_types = AllTypes } } })).AssertProblemAsync(400);

        Assert.Equal("calendar_not_found", (string?)unknown["code"]);
        Assert.Equal("calendar_read_only", (string?)readOnly["code"]);
        Assert.Equal("calendar_routing_invalid", (string?)incomplete["code"]);
        Assert.Contains("transfers", (string?)incomplete["detail"]);
        Assert.NotNull(badType["errors"]!["calendars[0].event_types"]);
        Assert.NotNull(empty["errors"]!["calendars"]);
        Assert.NotNull(both["errors"]!["calendars[0]"]);
        Assert.Equal(before, (await GetCalendarsAsync()).ToJsonString());
        var settingsAfter = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        Assert.Equal(settingsBefore!.GoogleChannelId, settingsAfter!.GoogleChannelId);
        Assert.Empty(await _server.Get<ISyncedCalendarStore>().ListAsync(_user.Id, CancellationToken.None));
    }
}
