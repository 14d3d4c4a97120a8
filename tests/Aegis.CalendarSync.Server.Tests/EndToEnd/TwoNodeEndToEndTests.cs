using System.Text.Json.Nodes;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Tests.EndToEnd;

/// <summary>Two real server processes (Production, configured from the environment exactly alike) on one PostgreSQL
/// database and one Google, with real timers: changes written through either node reach Google exactly once, the
/// account's Google calls from both nodes together stay within its quota (the shared budget's guarantee), and when one node is killed (kill -9)
/// holding leased work the other finishes it once the leases expire.</summary>
public sealed class TwoNodeEndToEndTests
{
    private const string Account = "demo@example.com";
    /// <summary>The account's quota: (130 − 10) calls per minute after a burst of 10, i.e. one call per 500 ms (long
    /// against the delivery delays of a loaded machine, which the emulator's log cannot tell from the pacing).</summary>
    private static readonly GoogleQuota Quota = new(UserCallsPerMinute: 130, ProjectCallsPerMinute: 10_000, Burst: 10);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Two_nodes_push_every_change_once_within_one_quota_and_the_survivor_finishes_a_killed_nodes_work()
    {
        await using var database = await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true });
        var admin = new EmulatorAdminClient(new HttpClient(), emulator.BaseUri);
        using var dataDirectory = new TempDirectory();
        var (password, key, secret) = (TestSecrets.Password(), TestSecrets.EncryptionKey(), TestSecrets.WebhookSecret());

        Dictionary<string, string> Node(Uri baseUri, bool seed)
        {
            var environment = ServerEnvironment.Production(baseUri, emulator, dataDirectory.Path, password, key, secret);
            environment["STORE_PROVIDER"] = "postgres";
            environment["STORE_CONNECTION_STRING"] = database.ConnectionString;
            environment["Server__SeedDemoAccount"] = seed ? "true" : "false";
            environment["Google__RequestsPerUserPerMinute"] = Quota.UserCallsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["Google__RequestsPerProjectPerMinute"] = Quota.ProjectCallsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["Google__BurstCalls"] = Quota.Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
            environment["Queue__Lease"] = Lease.ToString();
            environment["Queue__PollInterval"] = "00:00:01";
            return environment;
        }

        var aUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var bUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var a = await ServerProcess.StartAsync(aUri, Node(aUri, seed: true));
        await using var b = await ServerProcess.StartAsync(bUri, Node(bUri, seed: false));
        using var apiA = await ProcessApi.SignInAsync(aUri, Account, password);
        using var apiB = await ProcessApi.SignInAsync(bUri, Account, password);
        await ProcessApi.ConnectGoogleAsync(apiA);
        var calendar = Uri.EscapeDataString(await ProcessApi.SyncedCalendarAsync(apiA));
        using var google = await ProcessApi.GoogleAsync(emulator, Account);

        // 1. Changes written through both nodes, both nodes processing the one queue.
        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            ids.Add(await CreateAsync(i % 2 == 0 ? apiA : apiB, $"Bill {i}"));
        }

        await WaitForInsertsAsync(admin, ids.Count);

        // 2. Node A is killed while it holds leased work; B takes it over once the leases expire.
        for (var i = 24; i < 40; i++)
        {
            ids.Add(await CreateAsync(apiA, $"Bill {i}"));
        }

        await a.KillAsync();
        await WaitForInsertsAsync(admin, ids.Count);
        var requests = await admin.GetRequestsAsync();

        // Exactly once: one Google event per wallet bill, nothing else on the calendar, no insert that made a second copy.
        var listed = await (await google.GetAsync($"calendar/v3/calendars/{calendar}/events?maxResults=250")).ReadJsonAsync();
        var summaries = listed["items"]!.AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Equal(ids.Count, summaries.Count);
        Assert.Equal(summaries.Count, summaries.Distinct().Count());
        Assert.Equal(ids.Count, requests.Count(r => r.Operation == "events.insert" && r.Status == 200));
        foreach (var id in ids) Assert.True(await ProcessApi.IsLiveInGoogleAsync(google, id, Uri.UnescapeDataString(calendar)));

        // One quota for both nodes, the shared budget's guarantee (GoogleQuota): in any window of length w at most
        // burst + ⌊w / 500 ms⌋ of the account's calls, from both nodes together, so at most 130 in any minute. The
        // emulator stamps a call when it arrives, not when a node released it, so each window is allowed one interval
        // more for delivery delays (a node's release to the emulator's stamp varied by up to ~300 ms in a full run of
        // the server tests on 2 loaded cores).
        // A batch request is no call of its own (Google counts its parts, each logged as the call it carries).
        var calendarCalls = requests.Where(r => r.Account == Account && r.Operation != "batch" && !r.Operation.StartsWith("oauth", StringComparison.Ordinal))
            .Select(r => (At: DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.Operation, r.Status, r.InBatch))
            .OrderBy(r => r.At).ToList();
        Assert.True(calendarCalls.Count > 2 * Quota.Burst, $"only {calendarCalls.Count} calls: the burst alone would have carried them");
        Assert.Equal(130, Quota.MaxUserCallsIn(GoogleQuota.Window));
        for (var i = 0; i < calendarCalls.Count; i++)
        {
            for (var j = i; j < calendarCalls.Count; j++)
            {
                var window = calendarCalls[j].At - calendarCalls[i].At;
                var allowed = Quota.MaxUserCallsIn(window + Quota.UserInterval);
                Assert.True(j - i + 1 <= allowed,
                    $"{j - i + 1} Calendar API calls within {window.TotalMilliseconds} ms from two nodes; the shared quota allows {allowed}: " +
                    string.Join(", ", calendarCalls.Skip(i).Take(j - i + 1).Select(c => $"{c.At:HH:mm:ss.fff} {c.Operation}{(c.InBatch ? " (batch part)" : "")} {c.Status}")));
            }
        }

        Assert.DoesNotContain(calendarCalls, c => c.Status is 403 or 429);
        Assert.DoesNotContain("fail:", b.Output);
    }

    /// <summary>Watches Google's request log (the admin API, itself not logged, so the test spends none of the
    /// account's rate) until <paramref name="count"/> inserts succeeded.</summary>
    private static Task WaitForInsertsAsync(EmulatorAdminClient admin, int count) =>
        Eventually.TrueAsync(async () => (await admin.GetRequestsAsync()).Count(r => r.Operation == "events.insert" && r.Status == 200) >= count,
            $"{count} bills to reach Google", TimeSpan.FromMinutes(2));

    private static async Task<Guid> CreateAsync(HttpClient api, string title)
    {
        JsonNode created = await (await api.PostJsonAsync("api/events", EventBodies.Valid(title, 10m))).ReadJsonAsync(201);
        return Guid.Parse((string)created["id"]!);
    }
}
