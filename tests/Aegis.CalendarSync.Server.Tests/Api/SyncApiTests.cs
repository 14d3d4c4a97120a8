using System.Net;
using System.Net.Http.Json;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Push;

namespace Aegis.CalendarSync.Server.Tests.Api;

public sealed class SyncApiTests : IAsyncLifetime
{
    private const string GoogleAccount = "demo@example.com";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("sync@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sync_actions_need_a_connection_and_then_enqueue_from_google_work()
    {
        await (await _user.Client.PostAsync("api/sync/now", null)).AssertProblemAsync(409);
        await (await _user.Client.PutJsonAsync("api/sync/settings", new { enabled = true })).AssertProblemAsync(409);

        await _server.ConnectGoogleAsync(_user);
        var now = await (await _user.Client.PostAsync("api/sync/now", null)).ReadJsonAsync(202);
        Assert.Equal("incremental_sync", (string?)now["action"]);
        var full = await (await _user.Client.PostAsync("api/sync/full", null)).ReadJsonAsync(202);
        Assert.Equal("full_sync", (string?)full["action"]);

        var queue = (await (await _user.Client.GetAsync("api/sync/queue")).ReadJsonAsync()).AsArray();
        Assert.Contains(queue, i => (long)i!["id"]! == (long)now["queue_item_id"]!);
        Assert.All(queue, i => Assert.Equal("from_google", (string?)i!["direction"]));
        Assert.Empty((await (await _user.Client.GetAsync("api/sync/dead-letters")).ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task Inbound_changes_that_cannot_be_applied_are_listed_with_their_reason_and_retry_all_requeues_dead_letters()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var day = DateTimeOffset.UtcNow.Date.AddDays(2);
        var poison = await _server.EmulatorAdmin.CreateEventAsPersonAsync(GoogleAccount, "primary", new GoogleCalendarEmulator.Calendar.Model.CalendarEvent
        {
            Summary = "Imported by another app",
            Start = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = day.ToString("yyyy-MM-dd") },
            End = new GoogleCalendarEmulator.Calendar.Model.EventDateTime { Date = day.AddDays(1).ToString("yyyy-MM-dd") },
            ExtendedProperties = new GoogleCalendarEmulator.Calendar.Model.EventExtendedProperties
            {
                Private = new Dictionary<string, string> { [AegisProperties.Currency] = "euro" },
            },
        });

        await (await _user.Client.PostAsync("api/sync/now", null)).ReadJsonAsync(202);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var failure = Assert.Single((await (await _user.Client.GetAsync("api/sync/inbound-failures")).ReadJsonAsync()).AsArray())!;
        Assert.Equal(poison.Id, (string?)failure["google_event_id"]);
        Assert.Contains("CHECK", (string?)failure["reason"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (int)failure["attempts"]!);
        // The sync itself did not fail: nothing is dead-lettered, and "Retry all" has nothing to requeue.
        Assert.Empty((await (await _user.Client.GetAsync("api/sync/dead-letters")).ReadJsonAsync()).AsArray());
        var retried = await (await _user.Client.PostAsync("api/sync/dead-letters/retry-all", null)).ReadJsonAsync();
        Assert.Equal(0, (int)retried["requeued"]!);
    }

    [Fact]
    public async Task Settings_round_trip_without_exposing_tokens_or_secrets()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        var updated = await (await _user.Client.PutJsonAsync("api/sync/settings",
            new { conflict_strategy = "google_wins", calendar_id = "primary" })).ReadJsonAsync();

        Assert.Equal("google_wins", (string?)updated["conflict_strategy"]);
        var text = await _user.Client.GetStringAsync("api/sync/settings");
        Assert.Contains("\"conflict_strategy\":\"google_wins\"", text);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Manual_conflict_is_listed_with_both_versions_and_resolved_keeping_google()
    {
        await _server.ConnectGoogleAsync(_user);
        // The initial full sync rewrites the settings row; changing the strategy meanwhile could be overwritten.
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await (await _user.Client.PutJsonAsync("api/sync/settings", new { conflict_strategy = "manual" })).ReadJsonAsync();
        // No pushes from here on: an incremental sync must not import the Google edit before the local push meets it.
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Gym membership", 25m))).ReadJsonAsync(201);
        var eventId = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        // Both sides change the event, so the local push meets a newer remote version.
        await _server.EmulatorAdmin.PatchEventAsPersonAsync(GoogleAccount, "primary", GoogleEventId.FromFinancialEventId(eventId),
            new { summary = SummaryFormat.Format("Gym (edited in Google)", EventType.Bill, 25m, "EUR") });
        await (await _user.Client.PutJsonAsync($"api/events/{eventId}", EventBodies.Valid("Gym (edited in wallet)", 25m))).ReadJsonAsync();

        var conflict = await Eventually.GetAsync(async () =>
        {
            var open = (await (await _user.Client.GetAsync("api/conflicts")).ReadJsonAsync()).AsArray();
            return open.Count > 0 ? open[0] : null;
        }, "the conflict to be recorded");
        Assert.Equal(eventId.ToString(), (string?)conflict["financial_event_id"]);
        Assert.NotNull(conflict["local_version"]);
        Assert.NotNull(conflict["google_version"]);
        // Every page tells the user (the seed's "user notifications for conflicts").
        Assert.Contains("Choose which version to keep", await _user.Client.GetStringAsync("events"));

        var resolved = await (await _user.Client.PostAsJsonAsync($"api/conflicts/{(long)conflict["id"]!}/resolve", new { keep = "google" })).ReadJsonAsync();

        Assert.Equal("resolved_google", (string?)resolved["status"]);
        var local = await (await _user.Client.GetAsync($"api/events/{eventId}")).ReadJsonAsync();
        Assert.Equal("Gym (edited in Google)", (string?)local["title"]);
        Assert.Empty((await (await _user.Client.GetAsync("api/conflicts")).ReadJsonAsync()).AsArray());
        Assert.DoesNotContain("Choose which version to keep", await _user.Client.GetStringAsync("events"));
        // The audit on the wire keeps the seed's words: action, status, and the resolution as the error code.
        var resolution = Assert.Single((await (await _user.Client.GetAsync("api/audit?action=conflict_resolved")).ReadJsonAsync())["items"]!.AsArray())!;
        Assert.Equal(("conflict_resolved", "success", "resolved_google"),
            ((string?)resolution["action"], (string?)resolution["status"], (string?)resolution["error_code"]));
        var detected = (await (await _user.Client.GetAsync("api/audit?action=conflict&status=conflict")).ReadJsonAsync())["items"]!.AsArray();
        Assert.All(detected, row => Assert.Equal("conflict", (string?)row!["action"]));
        Assert.Contains(detected, row => (string?)row!["conflict_details"]!["detectedBy"] is "both_changed" or "if_match_412");
        await (await _user.Client.PostAsJsonAsync($"api/conflicts/{(long)conflict["id"]!}/resolve", new { keep = "local" })).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Metrics_export_the_engines_and_the_hosts_instruments_after_a_sync()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        using var anonymous = _server.CreateClient();

        await Eventually.TrueAsync(async () =>
        {
            var metrics = await anonymous.GetStringAsync("metrics");
            return metrics.Contains("aegis_sync_operation_duration", StringComparison.Ordinal)
                && metrics.Contains("aegis_sync_queue_depth{", StringComparison.Ordinal)
                && metrics.Contains("status=\"completed\"", StringComparison.Ordinal);
        }, "engine and host instruments in /metrics");
    }

    [Fact]
    public async Task Renew_channel_registers_a_new_channel_and_answers_502_when_google_refuses()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var before = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, (await _user.Client.PostAsync("api/google/auth/renew_channel", null)).StatusCode);
        var after = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        Assert.NotEqual(before!.GoogleChannelId, after!.GoogleChannelId);

        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 20, Status: 400, Reason: "badRequest", PathContains: "/events/watch"));
        await (await _user.Client.PostAsync("api/google/auth/renew_channel", null)).AssertProblemAsync(502);
    }
}
