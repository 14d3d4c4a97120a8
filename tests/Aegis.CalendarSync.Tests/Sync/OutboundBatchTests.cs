using Aegis.CalendarSync.Model;
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

    public async Task InitializeAsync() => H = await SyncHarness.StartAsync(database, new SyncHarnessOptions
    {
        Settings = { ["Queue:BatchSize"] = Changes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Statements = new StatementCounter(),
    });

    public async Task DisposeAsync() => await H.DisposeAsync();

    /// <summary>Statements of the shared rate limiter (PostgreSQL: one reservation per HTTP request to Google), which
    /// belong to the API requests, not to the database work of the changes.</summary>
    protected static bool IsRateBudget(string statement) => statement.Contains("google_rate_budget", StringComparison.Ordinal);

    [Fact]
    public async Task Fifty_new_events_cost_one_claim_one_load_and_one_commit_and_one_insert_each_in_Google()
    {
        await H.ConnectAsync();
        var created = new List<FinancialEvent>();
        for (var i = 0; i < Changes; i++) created.Add(await H.CreateEventAsync($"Bill {i}", amount: 10 + i));
        var calls = await H.CountsAsync();
        var before = Db.Snapshot();

        await H.DrainQueueAsync();

        var used = Db.Snapshot() - before;
        var work = used.StatementTexts.Where(s => !IsRateBudget(s)).ToList();
        var report = $"{used}:\n{string.Join("\n---\n", used.StatementTexts)}";
        Assert.Equal(new Dictionary<string, int> { ["events.insert"] = Changes }, SyncHarness.Delta(calls, await H.CountsAsync()));
        // Claim (1) + load (5 SELECTs in one command: settings, events, mappings, dead letters, synced calendars) + commit (lease fence, mapping inserts, audit rows, outcomes) +
        // the drain's closing empty claim (1) = 11 statements for 50 changes (0.22 per change); commits: the two
        // claims and the batch's one (0.06 per change).
        Assert.True(work.Count == 11 && used.Commits == 3, report);
        Assert.Equal(H.StoreProvider == "postgres" ? Changes : 0, used.StatementTexts.Count(IsRateBudget));
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
}

public sealed class SqliteOutboundBatchTests(SqliteTestDatabase database) : OutboundBatchTests<SqliteTestDatabase>(database);

public sealed class PostgresOutboundBatchTests(PostgresTestDatabase database) : OutboundBatchTests<PostgresTestDatabase>(database);
