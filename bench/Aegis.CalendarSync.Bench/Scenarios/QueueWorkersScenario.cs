using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>Claim/complete throughput of the queue alone on PostgreSQL (claims use FOR UPDATE SKIP LOCKED), with a
/// handler that does nothing: Queue:WorkerCount 1 against 4 at the same BatchSize. Enqueueing (N wallet inserts
/// through the trigger) is untimed; the timed region is the drain.</summary>
public sealed class QueueWorkersScenario : IScenario
{
    /// <summary>Equal on both arms so a batch holds enough items for four workers to overlap.</summary>
    public const int BatchSize = 20;

    public string Name => "queue-workers";

    public string Description => $"N queue items claimed and completed by QueueProcessor with a no-op handler on PostgreSQL, BatchSize {BatchSize} (time covers the drain)";

    public string ArmA => "WorkerCount 1";

    public string ArmB => "WorkerCount 4";

    public IReadOnlyList<string> Counters => [CounterNames.Claims];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var database = await TestDatabase.CreateAsync<PostgresTestDatabase>();
        var harnesses = new List<QueueHarness>();
        try
        {
            harnesses.Add(await QueueHarness.StartAsync(database, workerCount: 1, BatchSize, ct));
            harnesses.Add(await QueueHarness.StartAsync(database, workerCount: 4, BatchSize, ct));
            return new Session(database, harnesses[0], harnesses[1], profile.Size(full: 500, quick: 200));
        }
        catch
        {
            foreach (var h in harnesses)
            {
                await h.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(TestDatabase database, QueueHarness one, QueueHarness four, int size) : IScenarioSession
    {
        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var h = arm == Arm.A ? one : four;
            await h.EnqueueAsync(size, ct);
            DrainResult? drained = null;
            var elapsed = await TimedRegion.MeasureAsync(async () => drained = await h.DrainAsync(ct));
            if (drained!.Items != size)
            {
                throw new BenchmarkInvalidException($"{size} items enqueued but {drained.Items} processed.");
            }

            return new Trial(size, elapsed, new Dictionary<string, double> { [CounterNames.Claims] = drained.Claims });
        }

        public async ValueTask DisposeAsync()
        {
            await one.DisposeAsync();
            await four.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
