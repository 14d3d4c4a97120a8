using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Statements;

namespace Aegis.CalendarSync.Bench.Scenarios.FullSync;

/// <summary>A full sync of N events that are all unchanged since the last sync (issue 12: <= 1 ms per event on
/// PostgreSQL), or all changed (<paramref name="changed"/>: a person renamed every one in Google just before, untimed):
/// A on SQLite, B on PostgreSQL, each with its own engine, emulator and one user whose N events a person created in
/// Google and a first, untimed full sync imported. Timed: one <c>FullSyncAsync</c>. Items are events listed; counters
/// (per event): the database statements, writes and commits the engine's own connections ran
/// (<see cref="StatementCounter"/>) and the events.list pages (API calls); statements per page = statements / pages.
/// Every trial checks what it changed: nothing (no per-event audit row), or every event (one audit row each and the
/// new title in the wallet).</summary>
public sealed class FullSyncScenario(int fullEvents, int quickEvents, bool changed = false) : IScenario
{
    public const string Statements = "statements";
    public const string Writes = "writes";
    public const string Commits = "commits";
    public const string Pages = "listPages";

    public string Name => $"full-sync-{fullEvents / 1000}k" + (changed ? "-changed" : "");

    public string Description =>
        $"one full sync of {fullEvents:N0} {(changed ? "changed" : "unchanged")} events ({quickEvents:N0} with --quick); A: SQLite, B: PostgreSQL";

    public string ArmA => "sqlite";

    public string ArmB => "postgres";

    public IReadOnlyList<string> Counters => [Statements, Writes, Commits, Pages];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var size = profile.Size(fullEvents, quickEvents);
        var sqlite = await FullSyncEngine.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(), size, ct);
        try
        {
            return new Session(sqlite, await FullSyncEngine.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(), size, ct), changed);
        }
        catch
        {
            await sqlite.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(FullSyncEngine sqlite, FullSyncEngine postgres, bool changed) : IScenarioSession
    {
        private int _trial;

        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var engine = arm == Arm.A ? sqlite : postgres;
            var h = engine.Harness;
            var title = changed ? await engine.RenameAllAsync(++_trial, ct) : null;
            var since = DateTimeOffset.UtcNow;
            await h.StartCountingCallsAsync(ct);
            var before = engine.Statements.Snapshot();
            var elapsed = await TimedRegion.MeasureAsync(() => h.Sync.FullSyncAsync(h.UserId, ct));
            var counts = engine.Statements.Snapshot() - before;
            var calls = await h.CountCallsAsync(ct);
            var applied = await h.Audit.QueryAsync(h.UserId, new AuditQuery(AuditAction.SyncFromGoogle, Since: since, Limit: engine.Events + 1), ct);
            if (applied.Count != (changed ? engine.Events : 0))
            {
                throw new BenchmarkInvalidException($"{h.StoreProvider}: the full sync of {(changed ? "changed" : "unchanged")} events applied {applied.Count} changes.");
            }

            if (title is not null && await engine.CountTitledAsync(title, ct) != engine.Events)
            {
                throw new BenchmarkInvalidException($"{h.StoreProvider}: not every wallet event took Google's new title.");
            }

            return new Trial(engine.Events, elapsed, new Dictionary<string, double>
            {
                [Statements] = counts.Statements,
                [Writes] = counts.Writes,
                [Commits] = counts.Commits,
                [Pages] = calls.Of("events.list"),
            });
        }

        public async ValueTask DisposeAsync()
        {
            await sqlite.DisposeAsync();
            await postgres.DisposeAsync();
        }
    }
}
