using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>The outbound path end to end on each store engine: N wallet events saved (the trigger enqueues), then the
/// queue drained until every one was inserted in Google. Each arm has its own engine, database and emulator.</summary>
public sealed class OutboundSqliteVsPostgresScenario : IScenario
{
    public string Name => "outbound-sqlite-vs-postgres";

    public string Description => "N new wallet events saved and the queue drained until all are inserted in the emulator (time covers save + drain)";

    public string ArmA => "sqlite";

    public string ArmB => "postgres";

    public IReadOnlyList<string> Counters => [CounterNames.ApiCalls];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var sqlite = await BenchEngine.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(), ct);
        try
        {
            var postgres = await BenchEngine.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(), ct);
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
