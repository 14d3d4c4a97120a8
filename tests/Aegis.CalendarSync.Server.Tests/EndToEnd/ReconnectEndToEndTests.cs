using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Tests.EndToEnd;

/// <summary>Issue 9's reconnect scenario through the real server process: the server restarts against a Google that
/// knows nothing (a new, empty emulator), the user disconnects and reconnects; the first full sync of the new
/// connection must push the wallet's bills back, never read their absence as deletions.</summary>
public sealed class ReconnectEndToEndTests
{
    private const string GoogleAccount = "demo@example.com";

    [Fact]
    public async Task Restart_against_an_empty_google_then_disconnect_and_reconnect_keeps_every_bill_and_puts_them_back()
    {
        using var dataDirectory = new TempDirectory();
        var password = TestSecrets.Password();
        var encryptionKey = TestSecrets.EncryptionKey();
        var webhookSecret = TestSecrets.WebhookSecret();
        var bills = new (string Title, decimal Amount)[] { ("Salary", 3200m), ("Electricity", 84.2m), ("Phone", 25m), ("Rent", 950m) };
        var ids = new List<Guid>();

        await using (var first = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true }))
        {
            var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            await using var server = await ServerProcess.StartAsync(baseUri,
                ServerEnvironment.Production(baseUri, first, dataDirectory.Path, password, encryptionKey, webhookSecret));
            using var api = await SignInAsync(baseUri, password);
            await ConnectAsync(api);
            foreach (var (title, amount) in bills)
            {
                var created = await (await api.PostJsonAsync("api/events", EventBodies.Valid(title, amount))).ReadJsonAsync(201);
                ids.Add(Guid.Parse((string)created["id"]!));
            }

            using var google = await GoogleAsync(first);
            foreach (var id in ids)
            {
                await Eventually.TrueAsync(() => IsLiveInGoogleAsync(google, id), "the bill to reach the first Google");
            }
        }

        await using var empty = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true });
        var restartedUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var restarted = await ServerProcess.StartAsync(restartedUri,
            ServerEnvironment.Production(restartedUri, empty, dataDirectory.Path, password, encryptionKey, webhookSecret));
        using var again = await SignInAsync(restartedUri, password);

        Assert.Equal(HttpStatusCode.NoContent, (await again.PostAsync("api/google/auth/revoke", null)).StatusCode);
        await ConnectAsync(again);

        using var emptyGoogle = await GoogleAsync(empty);
        foreach (var id in ids)
        {
            await Eventually.TrueAsync(() => IsLiveInGoogleAsync(emptyGoogle, id), "the bill to be pushed back to the new Google");
        }

        var events = await (await again.GetAsync("api/events")).ReadJsonAsync();
        var titles = events["items"]!.AsArray().Select(e => (string)e!["title"]!).Order().ToList();
        Assert.Equal(bills.Select(b => b.Title).Order(), titles);
        Assert.Empty((await (await again.GetAsync("api/events/trash")).ReadJsonAsync()).AsArray());
        var fullSync = await Eventually.GetAsync(async () =>
        {
            var audit = await (await again.GetAsync("api/audit?action=full_sync")).ReadJsonAsync();
            return audit["items"]?.AsArray().FirstOrDefault(a => ((string?)a!["error_message"])?.Contains("re-pushed") == true);
        }, "the reconnect's full sync to be audited");
        Assert.Contains("0 deleted in Google", (string?)fullSync["error_message"]);
        Assert.DoesNotContain("fail:", restarted.Output);
    }

    private static async Task<HttpClient> SignInAsync(Uri baseUri, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = baseUri };
        var token = await (await anonymous.PostAsJsonAsync("api/auth/token", new { email = GoogleAccount, password })).ReadJsonAsync();
        // Redirects by hand: HttpClient drops the Authorization header on a redirect, and the callback must come from
        // the signed-in user who started the flow, with the session-binding cookie start set (kept by this client).
        var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);
        return api;
    }

    /// <summary>start → emulator consent (auto-approved) → callback.</summary>
    private static async Task ConnectAsync(HttpClient api)
    {
        var start = await api.GetAsync("api/google/auth/start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        using var consentBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await consentBrowser.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(consent.Headers.Location)).StatusCode);
        Assert.True((bool)(await (await api.GetAsync("api/sync/settings")).ReadJsonAsync())["connected"]!);
    }

    private static async Task<HttpClient> GoogleAsync(EmulatorHost emulator)
    {
        var admin = new EmulatorAdminClient(new HttpClient(), emulator.BaseUri);
        var google = new HttpClient { BaseAddress = emulator.BaseUri };
        google.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await admin.IssueTokensAsync(GoogleAccount)).AccessToken);
        return google;
    }

    private static async Task<bool> IsLiveInGoogleAsync(HttpClient google, Guid eventId)
    {
        var response = await google.GetAsync($"calendar/v3/calendars/primary/events/{GoogleEventId.FromFinancialEventId(eventId)}");
        return response.IsSuccessStatusCode && (string?)(await response.ReadJsonAsync())["status"] != "cancelled";
    }
}
