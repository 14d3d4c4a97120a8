using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>The outbound path end to end: N wallet events saved (the trigger enqueues), then the queue drained until
/// every one was inserted in Google. Each arm has its own engine, database and emulator. By default A is SQLite and B
/// PostgreSQL; <see cref="PostgresConnectionTuning"/> compares PostgreSQL with the connection settings as before issue
/// 12 (reset on close, nothing prepared: what an explicit <c>No Reset On Close=false;Max Auto Prepare=0</c> keeps) against the
/// store's defaults.</summary>
public sealed class OutboundSqliteVsPostgresScenario(
    string name = "outbound-sqlite-vs-postgres",
    string armA = "sqlite",
    string armB = "postgres",
    Func<CancellationToken, Task<SyncHarness>>? startA = null,
    Func<CancellationToken, Task<SyncHarness>>? startB = null) : IScenario
{
    private readonly Func<CancellationToken, Task<SyncHarness>> _startA =
        startA ?? (async ct => await BenchEngine.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(), ct));

    private readonly Func<CancellationToken, Task<SyncHarness>> _startB =
        startB ?? (async ct => await BenchEngine.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(), ct));

    /// <summary>PostgreSQL on both arms: A with the seed's connection behaviour, B with the store's tuning.</summary>
    public static OutboundSqliteVsPostgresScenario PostgresConnectionTuning() => new(
        "outbound-postgres-connection-tuning", "reset + unprepared", "no reset + auto-prepare",
        async ct =>
        {
            var database = await TestDatabase.CreateAsync<PostgresTestDatabase>();
            return await BenchEngine.StartAsync(database, ct, new Dictionary<string, string?>
            {
                ["Store:ConnectionString"] = database.ConnectionString + ";No Reset On Close=false;Max Auto Prepare=0",
            });
        },
        async ct => await BenchEngine.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(), ct));

    public string Name => name;

    public string Description => "N new wallet events saved and the queue drained until all are inserted in the emulator (time covers save + drain)";

    public string ArmA => armA;

    public string ArmB => armB;

    public IReadOnlyList<string> Counters => [CounterNames.ApiCalls];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var sqlite = await _startA(ct);
        try
        {
            var postgres = await _startB(ct);
            return new Session(sqlite, postgres, profile.Size(full: 120, quick: 40));
        }
        catch
        {
            await sqlite.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(SyncHarness sqlite, SyncHarness postgres, int size) : IScenarioSession
    {
        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var h = arm == Arm.A ? sqlite : postgres;
            await h.StartCountingCallsAsync(ct);
            DrainResult? drained = null;
            var elapsed = await TimedRegion.MeasureAsync(async () =>
            {
                await h.CreateEventsAsync(size, ct);
                drained = await h.DrainCleanlyAsync(ct);
            });
            var calls = await h.CountCallsAsync(ct);
            if (drained!.Items != size || calls.Of("events.insert") != size)
            {
                throw new BenchmarkInvalidException(
                    $"{h.StoreProvider}: {size} events saved but {drained.Items} items processed and {calls.Of("events.insert")} inserted in Google.");
            }

            return new Trial(size, elapsed, new Dictionary<string, double> { [CounterNames.ApiCalls] = calls.Calls });
        }

        public async ValueTask DisposeAsync()
        {
            await sqlite.DisposeAsync();
            await postgres.DisposeAsync();
        }
    }
}
