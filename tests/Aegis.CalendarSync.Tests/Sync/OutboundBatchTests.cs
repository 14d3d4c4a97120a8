using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using GoogleCalendarEmulator.Faults;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Databases;
using Aegis.CalendarSync.Testing.Engine;
using Aegis.CalendarSync.Testing.Statements;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The whole engine pushing a batch of changes (claims of up to 50): the database work per claimed batch,
/// counted exactly on the store's connections (<see cref="StatementCounter"/>), and what reaches Google.
/// Subclassed once per store engine.</summary>
public abstract class OutboundBatchTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    protected const int Changes = 50;
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected SyncHarness H { get; private set; } = null!;

    protected StatementCounter Db => H.Services.GetRequiredService<StatementCounter>();

    /// <summary>Batches of 50 claimed items and the default quotas (a burst of 50), so a batch's 50 calls fit one request.</summary>
    public Task InitializeAsync() => StartAsync();

    /// <summary>(Re)starts the harness on the class's database, with the client's burst at <paramref name="burst"/>
    /// and its per-user quota at <paramref name="userPerMinute"/> and the project's at <paramref name="projectPerMinute"/> (defaults: Google's).</summary>
    protected async Task StartAsync(int burst = Changes, int userPerMinute = Aegis.CalendarSync.Google.GoogleApiOptions.DefaultRequestsPerUserPerMinute,
        int projectPerMinute = 10_000)
    {
        if (H is not null) await H.DisposeAsync();
        H = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            Settings =
            {
                ["Queue:BatchSize"] = Changes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Google:BurstCalls"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Google:RequestsPerUserPerMinute"] = userPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Google:RequestsPerProjectPerMinute"] = projectPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Statements = new StatementCounter(),
        });
    }

    public async Task DisposeAsync() => await H.DisposeAsync();

    /// <summary>Statements of the shared rate budget (PostgreSQL: one reservation over the user's and the project's
    /// budgets per HTTP request to Google), which
    /// belong to the API requests, not to the database work of the changes.</summary>
    protected static bool IsRateBudget(string statement) => statement.Contains("google_rate_budget", StringComparison.Ordinal);

    [Fact]
    public async Task Fifty_new_events_cost_one_claim_one_load_one_commit_and_one_batch_request_of_one_insert_each()
    {
        // Quotas whose refill interval is a microsecond: the connect's own calls are back in the budget long before the
        // batch, so its 50 calls are always reserved at the first try (with Google's 600/min the burst refills at one
        // call per 109 ms, and on real time whether the connect's calls had come back decided a second reservation).
        await StartAsync(userPerMinute: 60_000_000, projectPerMinute: 60_000_000);
        await H.ConnectAsync();
        var created = new List<FinancialEvent>();
        for (var i = 0; i < Changes; i++) created.Add(await H.CreateEventAsync($"Bill {i}", amount: 10 + i));
        var calls = await H.CountsAsync();
        var before = Db.Snapshot();

        await H.DrainQueueAsync();

        var used = Db.Snapshot() - before;
        var work = used.StatementTexts.Where(s => !IsRateBudget(s)).ToList();
        var report = $"{used}:\n{string.Join("\n---\n", used.StatementTexts)}";
        // One HTTP request (the emulator logs it as "batch") carrying one API call per change.
        Assert.Equal(new Dictionary<string, int> { ["batch"] = 1, ["events.insert"] = Changes }, SyncHarness.Delta(calls, await H.CountsAsync()));
        // Claim (1) + load (5 SELECTs in one command: settings, events, mappings, dead letters, synced calendars) + commit (lease fence, mapping inserts, audit rows, outcomes) +
        // the drain's closing empty claim (1) = 11 statements for 50 changes (0.22 per change), on PostgreSQL 13 (each
        // claim sets its planning first); commits: the two claims and the batch's one (0.06 per change).
        Assert.True(work.Count == (H.StoreProvider == "postgres" ? 13 : 11) && used.Commits == 3 && used.Autocommits == (H.StoreProvider == "postgres" ? 2 : 1), report);
        // The shared rate budget (PostgreSQL) reserves the batch's 50 calls on the user and the project in one statement.
        Assert.Equal(H.StoreProvider == "postgres" ? 1 : 0, used.StatementTexts.Count(IsRateBudget));
        foreach (var e in created)
        {
            Assert.NotNull(await H.Mappings.GetByEventAsync(H.UserId, e.Id, Ct));
        }

        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct));
        var audit = await H.Audit.QueryAsync(H.UserId, new AuditQuery(AuditAction.SyncToGoogle, Limit: 200), Ct);
        Assert.Equal(created.Select(e => e.Id).Order(), audit.Select(a => a.FinancialEventId!.Value).Order());
        Assert.All(audit, a => Assert.Equal(AuditOutcome.Success, a.Status));
        Assert.Equal(created.Select(e => e.Title).Order(), audit.Select(a => a.EventTitle!).Order());
    }

    [Fact]
    public async Task Each_call_of_a_batch_request_that_fails_is_handled_by_the_rules_of_a_single_push_and_the_others_complete()
    {
        await H.ConnectAsync(ConflictStrategy.LocalWins);
        var events = new List<FinancialEvent>();
        for (var i = 0; i < 6; i++) events.Add(await H.CreateEventAsync($"Bill {i}", amount: 10 + i));
        await H.DrainQueueAsync();
        var (plain, editedInGoogle, deletedInGoogle, unavailable, throttled, failing) = (events[0], events[1], events[2], events[3], events[4], events[5]);
        var googleId = (FinancialEvent e) => GoogleEventId.FromFinancialEventId(e.Id);
        await H.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary", googleId(editedInGoogle), new { location = "Changed in Google" });
        await H.Admin.DeleteEventAsPersonAsync(SyncHarness.Email, "primary", googleId(deletedInGoogle));
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 503, Reason: "backendError", Method: "PUT", PathContains: googleId(unavailable)));
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 429, Reason: "rateLimitExceeded", Method: "PUT", PathContains: googleId(throttled),
            RetryAfterSeconds: 120));
        await H.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 500, Reason: "backendError", Method: "PUT", PathContains: googleId(failing)));
        // A new event whose id Google already holds (an earlier insert whose answer was lost): 409, then adopted.
        var duplicate = await H.CreateEventAsync("Water", amount: 31);
        await H.Google.InsertEventAsync(H.Account, "primary", new GoogleEvent
        {
            Id = googleId(duplicate), Summary = "stale copy",
            Start = new EventDateTime { DateTime = duplicate.StartAt }, End = new EventDateTime { DateTime = duplicate.EndAt },
        }, Ct);
        foreach (var e in events) await H.EditLocallyAsync(e.Id, x => x with { Title = x.Title + " (edited)" });
        var calls = await H.CountsAsync();
        var started = DateTimeOffset.UtcNow;

        await H.DrainQueueAsync();

        var delta = SyncHarness.Delta(calls, await H.CountsAsync());
        // First request: the 6 updates and the insert. Then each failed call's own follow-up, as a single push's: the 409
        // reads and updates the event it adopts (plain calls); the 412 and the 404 read what Google holds, and their
        // wallet-wins writes (an update over Google's edit, an insert recreating the deleted event) wait for each
        // other and go as the second request.
        Assert.Equal(2, delta["batch"]);
        var queue = (await H.Queue.ListAsync(H.UserId, null, 100, Ct)).Where(i => i.CreatedAt >= started.AddSeconds(-30)).ToList();
        var pending = queue.Where(i => i.Status == QueueStatus.Pending).ToDictionary(i => i.FinancialEventId!.Value);
        Assert.Equal(new[] { unavailable.Id, throttled.Id, failing.Id }.Order(), pending.Keys.Order());
        Assert.Equal(1, pending[unavailable.Id].RetryCount);
        Assert.StartsWith("BackendException", pending[unavailable.Id].LastError);
        Assert.Equal(1, pending[failing.Id].RetryCount);
        Assert.StartsWith("BackendException", pending[failing.Id].LastError);
        Assert.True(pending[throttled.Id].NextAttemptAt >= started.AddSeconds(119), $"{pending[throttled.Id].NextAttemptAt:O}");
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Failed, 10, Ct));

        Assert.Contains("Bill 0 (edited)", (await H.GetRemoteAsync(plain.Id)).Summary);
        // 412: the wallet wins by the user's rule (local wins), written over Google's edit.
        Assert.Contains("Bill 1 (edited)", (await H.GetRemoteAsync(editedInGoogle.Id)).Summary);
        // 404/410: deleted in Google, recreated under the same id (local wins).
        var recreated = await H.GetRemoteAsync(deletedInGoogle.Id);
        Assert.Equal(("confirmed", true), (recreated.Status, recreated.Summary!.Contains("Bill 2 (edited)", StringComparison.Ordinal)));
        // 409: the existing event adopted and brought to the wallet's version.
        Assert.Contains("Water", (await H.GetRemoteAsync(duplicate.Id)).Summary);
        Assert.NotNull(await H.Mappings.GetByEventAsync(H.UserId, duplicate.Id, Ct));
        Assert.Contains("Bill 3", (await H.GetRemoteAsync(unavailable.Id)).Summary);
        Assert.DoesNotContain("(edited)", (await H.GetRemoteAsync(unavailable.Id)).Summary);
        Assert.DoesNotContain("(edited)", (await H.GetRemoteAsync(failing.Id)).Summary);
    }

    [Fact]
    public async Task A_group_larger_than_the_rate_burst_goes_as_requests_of_at_most_the_burst_within_the_quota()
    {
        const int burst = 5;
        const int changes = 12;
        // (305 − 5) calls per minute after the burst: one per 200 ms, so at most 5 + 5 in any second.
        await StartAsync(burst, userPerMinute: 305);
        var quota = H.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Aegis.CalendarSync.Google.GoogleApiOptions>>().Value.Quota;
        await H.ConnectAsync();
        await H.Admin.ClearRequestsAsync();
        var created = new List<FinancialEvent>();
        for (var i = 0; i < changes; i++) created.Add(await H.CreateEventAsync($"Bill {i}", amount: 20 + i));

        await H.DrainQueueAsync();

        var requests = await H.Admin.GetRequestsAsync();
        var batches = requests.Where(r => r.Operation == "batch").ToList();
        var inserts = requests.Where(r => r.Operation == "events.insert").ToList();
        // 12 calls in requests of at most 5 (5 + 5 + 2), one API call per change, every one a part of a batch request.
        Assert.Equal(3, batches.Count);
        Assert.Equal(changes, inserts.Count);
        Assert.All(inserts, r => Assert.True(r.InBatch && r.Status == 200, $"{r.Method} {r.Path} {r.Status}"));
        // The quota's bound (GoogleQuota): in any window of length w at most burst + ⌊w / 200 ms⌋ of the user's calls,
        // here for w = 1 s.
        var calls = requests.Where(r => r.Account is not null && r.Operation != "batch" && !r.Operation.StartsWith("oauth", StringComparison.Ordinal))
            .Select(r => DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var busiest = calls.Select((at, i) => calls.Skip(i).TakeWhile(u => u - at < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.Equal(2 * burst, quota.MaxUserCallsIn(TimeSpan.FromSeconds(1)));
        Assert.True(busiest <= quota.MaxUserCallsIn(TimeSpan.FromSeconds(1)), $"{busiest} calls within one second; the quota allows {2 * burst}");
        foreach (var e in created) Assert.NotNull(await H.Mappings.GetByEventAsync(H.UserId, e.Id, Ct));
        Assert.Empty(await H.Queue.ListAsync(H.UserId, QueueStatus.Pending, 10, Ct));
    }
}

public sealed class SqliteOutboundBatchTests(SqliteTestDatabase database) : OutboundBatchTests<SqliteTestDatabase>(database);

public sealed class PostgresOutboundBatchTests(PostgresTestDatabase database) : OutboundBatchTests<PostgresTestDatabase>(database);
