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
            using var api = await ProcessApi.SignInAsync(baseUri, GoogleAccount, password);
            await ProcessApi.ConnectGoogleAsync(api);
            foreach (var (title, amount) in bills)
            {
                var created = await (await api.PostJsonAsync("api/events", EventBodies.Valid(title, amount))).ReadJsonAsync(201);
                ids.Add(Guid.Parse((string)created["id"]!));
            }

            using var google = await ProcessApi.GoogleAsync(first, GoogleAccount);
            var calendar = await DedicatedCalendarAsync(api);
            foreach (var id in ids)
            {
                await Eventually.TrueAsync(() => ProcessApi.IsLiveInGoogleAsync(google, id, calendar), "the bill to reach the first Google");
            }
        }

        await using var empty = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true });
        var restartedUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var restarted = await ServerProcess.StartAsync(restartedUri,
            ServerEnvironment.Production(restartedUri, empty, dataDirectory.Path, password, encryptionKey, webhookSecret));
        using var again = await ProcessApi.SignInAsync(restartedUri, GoogleAccount, password);

        Assert.Equal(HttpStatusCode.NoContent, (await again.PostAsync("api/google/auth/revoke", null)).StatusCode);
        await ProcessApi.ConnectGoogleAsync(again);

        using var emptyGoogle = await ProcessApi.GoogleAsync(empty, GoogleAccount);
        // The calendar chosen before is gone with the old Google: the reconnect gets a new dedicated calendar.
        var newCalendar = await DedicatedCalendarAsync(again);
        foreach (var id in ids)
        {
            await Eventually.TrueAsync(() => ProcessApi.IsLiveInGoogleAsync(emptyGoogle, id, newCalendar), "the bill to be pushed back to the new Google");
        }

        var events = await (await again.GetAsync("api/events")).ReadJsonAsync();
        var titles = events["items"]!.AsArray().Select(e => (string)e!["title"]!).Order().ToList();
        Assert.Equal(bills.Select(b => b.Title).Order(), titles);
        Assert.Empty((await (await again.GetAsync("api/events/trash")).ReadJsonAsync()).AsArray());
        var fullSync = await Eventually.GetAsync(async () =>
        {
            var audit = await (await again.GetAsync("api/audit?action=full_sync")).ReadJsonAsync();
            return audit["items"]?.AsArray().FirstOrDefault(a => ((string?)a!["details"])?.Contains("re-pushed") == true);
        }, "the reconnect's full sync to be audited");
        Assert.Contains("0 deleted in Google", (string?)fullSync["details"]);
        Assert.False(restarted.Output.Contains("fail:", StringComparison.Ordinal), restarted.Output);
    }

    /// <summary>The calendar a new connection syncs into by default: a dedicated one, marked for import.</summary>
    private static async Task<string> DedicatedCalendarAsync(HttpClient api)
    {
        var settings = await (await api.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.True((bool)settings["import_foreign_events"]!);
        var calendar = (string)settings["calendar_id"]!;
        Assert.NotEqual("primary", calendar);
        return calendar;
    }
}
