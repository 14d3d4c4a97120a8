using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Testing.Hosting;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Tests.EndToEnd;

/// <summary>The product as deployed: the real server process (Production environment, configuration from the
/// environment, SQLite in a temp folder) against an in-process emulator, with real timers throughout.</summary>
public sealed class ServerProcessEndToEndTests
{
    private const string GoogleAccount = "demo@example.com";

    [Fact]
    public async Task Event_round_trips_through_google_and_disconnect_stops_the_channel_and_drops_tokens()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true });
        var admin = new EmulatorAdminClient(new HttpClient(), emulator.BaseUri);
        using var dataDirectory = new TempDirectory();
        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var password = TestSecrets.Password();
        await using var server = await ServerProcess.StartAsync(baseUri,
            ServerEnvironment.Production(baseUri, emulator, dataDirectory.Path, password, TestSecrets.EncryptionKey(), TestSecrets.WebhookSecret()));

        // Sign in through the API.
        using var anonymous = new HttpClient { BaseAddress = baseUri };
        var token = await (await anonymous.PostAsJsonAsync("api/auth/token", new { email = "demo@example.com", password })).ReadJsonAsync();
        // Redirects by hand: HttpClient drops the Authorization header on a redirect, and the callback must come from
        // the signed-in user who started the flow, with the session-binding cookie start set (kept by this client).
        using var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);

        // Connect Google: start → emulator consent (auto-approved) → callback.
        var start = await api.GetAsync("api/google/auth/start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        using var consentBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await consentBrowser.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var connected = await api.GetAsync(consent.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        Assert.Equal(baseUri.AbsolutePath + "api/google/auth/callback", connected.RequestMessage!.RequestUri!.AbsolutePath);
        await FirstSyncApi.StartAsync(api);
        var settings = await (await api.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.True((bool)settings["connected"]!);
        Assert.True((bool)settings["enabled"]!);
        // A new connection syncs into a dedicated calendar of its own, marked for import.
        var calendar = Uri.EscapeDataString((string)settings["calendar_id"]!);
        Assert.NotEqual("primary", calendar);
        Assert.True((bool)settings["import_foreign_events"]!);

        // Create in the wallet → appears in Google.
        var created = await (await api.PostJsonAsync("api/events", EventBodies.Valid("Water bill", 31.5m))).ReadJsonAsync(201);
        var eventId = Guid.Parse((string)created["id"]!);
        var googleEventId = GoogleEventId.FromFinancialEventId(eventId);
        var googleToken = (await admin.IssueTokensAsync(GoogleAccount)).AccessToken;
        using var google = new HttpClient { BaseAddress = emulator.BaseUri };
        google.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", googleToken);
        var inGoogle = await Eventually.GetAsync(async () =>
        {
            var response = await google.GetAsync($"calendar/v3/calendars/{calendar}/events/{googleEventId}");
            return response.IsSuccessStatusCode ? await response.ReadJsonAsync() : null;
        }, "the event to reach Google");
        Assert.Equal(SummaryFormat.Format("Water bill", EventType.Bill, 31.5m, "EUR"), (string?)inGoogle["summary"]);

        // Once the wallet's writers of the new event are done (its queued push and the first full sync can both insert
        // it; a Google edit inside the moment between one's insert and its mapping write is the race the closing note
        // of session 6 leaves open), a person edits it in Google → push → the wallet shows the edit.
        await Eventually.TrueAsync(async () =>
            (await (await api.GetAsync("api/sync/queue")).ReadJsonAsync()).AsArray().All(i => (string?)i!["status"] == "completed"),
            "the wallet's sync of the new event to finish");
        await admin.PatchEventAsPersonAsync(GoogleAccount, (string)settings["calendar_id"]!, googleEventId,
            new { summary = SummaryFormat.Format("Water bill (corrected)", EventType.Bill, 31.5m, "EUR") });
        try
        {
            await Eventually.TrueAsync(async () =>
                (string?)(await (await api.GetAsync($"api/events/{eventId}")).ReadJsonAsync())["title"] == "Water bill (corrected)",
                "the Google edit to reach the wallet");
        }
        catch (TimeoutException timeout)
        {
            // What the wallet, its queue and Google saw, so a failure names its cause.
            var wallet = await (await api.GetAsync($"api/events/{eventId}")).Content.ReadAsStringAsync();
            var queue = await (await api.GetAsync("api/sync/queue")).Content.ReadAsStringAsync();
            var log = string.Join("\n", (await admin.GetRequestsAsync()).Select(r => $"{r.At} {r.Method} {r.Path} {r.Operation} {r.Status}"));
            throw new TimeoutException($"{timeout.Message}\nwallet: {wallet}\nqueue: {queue}\nGoogle's request log:\n{log}\nserver output:\n{server.Output}", timeout);
        }

        // Disconnect → the channel is stopped at Google and the tokens are gone.
        await admin.ClearRequestsAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("api/google/auth/revoke", null)).StatusCode);
        var calls = (await admin.GetRequestsAsync()).Select(r => r.Operation).ToList();
        Assert.Contains("channels.stop", calls);
        Assert.Contains("oauth.revoke", calls);
        var after = await (await api.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.False((bool)after["connected"]!);
        Assert.False((bool)after["enabled"]!);
        Assert.Null((string?)after["channel_expiry_at"]);
        Assert.DoesNotContain("fail:", server.Output);
    }
}
