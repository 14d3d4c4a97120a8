using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Push;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary><c>POST /api/events/{id}/refresh</c> (the seed's sync_from_google for one event). Google's own pushes are
/// dropped, so only the refresh can bring Google's edit in.</summary>
public sealed class EventRefreshApiTests : IAsyncLifetime
{
    private const string GoogleAccountEmail = "demo@example.com";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("refresh@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Refresh_applies_the_google_edit_of_that_event_now_and_audits_it()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        var id = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.PatchEventAsPersonAsync(GoogleAccountEmail, "primary", GoogleEventId.FromFinancialEventId(id),
            new { summary = "Electricity bill (moved in Google)" });

        var refreshed = await (await _user.Client.PostAsync($"api/events/{id}/refresh", null)).ReadJsonAsync();

        Assert.Equal("Electricity bill (moved in Google)", (string?)refreshed["title"]);
        var stored = await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync();
        Assert.Equal("Electricity bill (moved in Google)", (string?)stored["title"]);
        Assert.Equal("google", (string?)stored["sync_source"]);
        var audit = await (await _user.Client.GetAsync($"api/audit?action=sync_from_google&status=success&eventId={id}")).ReadJsonAsync();
        Assert.Single(audit["items"]!.AsArray());
    }

    [Fact]
    public async Task Refresh_of_an_unknown_or_another_users_event_is_404()
    {
        var other = await _server.CreateUserAsync("refresh-other@example.com");
        var theirs = await (await other.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);

        await (await _user.Client.PostAsync($"api/events/{Guid.NewGuid()}/refresh", null)).AssertProblemAsync(404);
        await (await _user.Client.PostAsync($"api/events/{(string)theirs["id"]!}/refresh", null)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Refresh_without_a_connected_google_account_is_409_and_calls_nothing()
    {
        var offline = await _server.CreateUserAsync("refresh-offline@example.com");
        var created = await (await offline.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        await _server.EmulatorAdmin.ClearRequestsAsync();

        var problem = await (await offline.Client.PostAsync($"api/events/{(string)created["id"]!}/refresh", null)).AssertProblemAsync(409);

        Assert.Contains("Connect a Google account", (string?)problem["detail"]);
        Assert.Empty(await _server.EmulatorAdmin.GetRequestsAsync());
    }

    [Fact]
    public async Task Refresh_of_an_event_whose_push_has_not_reached_google_is_409_and_changes_nothing()
    {
        // Every event write to Google fails, so the new event never gets a Google counterpart.
        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 1000, Status: 500, Reason: "backendError", Method: "POST",
            PathContains: "/calendars/primary/events"));
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        var id = (string)created["id"]!;

        var problem = await (await _user.Client.PostAsync($"api/events/{id}/refresh", null)).AssertProblemAsync(409);

        Assert.Contains("not in Google Calendar yet", (string?)problem["detail"]);
        var stored = await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync();
        Assert.Equal((string?)created["updated_at"], (string?)stored["updated_at"]);
        Assert.Null(stored["deleted_at"]);
    }
}
