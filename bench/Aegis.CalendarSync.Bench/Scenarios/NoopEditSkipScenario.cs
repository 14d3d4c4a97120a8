using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>Saves of already-synced events: a save that changes nothing (the trigger still enqueues; the content hash
/// matches the mapping, so no API call) against a real title edit (one events.update each). Both arms run on one
/// engine (SQLite, the embedded default) and each trial first creates and syncs its own N events, untimed.</summary>
public sealed class NoopEditSkipScenario : IScenario
{
    public string Name => "noop-edit-skip";

    public string Description => "N saves of already-synced events and the queue drained (time covers save + drain); A changes nothing, B edits the title";

    public string ArmA => "no-op save";

    public string ArmB => "real edit";

    public IReadOnlyList<string> Counters => [CounterNames.ApiCalls];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct) =>
        new Session(await BenchEngine.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(), ct), profile.Size(full: 120, quick: 40));

    private sealed class Session(SyncHarness h, int size) : IScenarioSession
    {
        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var events = await h.CreateEventsAsync(size, ct);
            await h.DrainCleanlyAsync(ct);
            await h.StartCountingCallsAsync(ct);
            DrainResult? drained = null;
            var elapsed = await TimedRegion.MeasureAsync(async () =>
            {
                await h.SaveAsync(events, arm == Arm.A ? e => e : e => e with { Title = e.Title + " (edited)" }, ct);
                drained = await h.DrainCleanlyAsync(ct);
            });
            var calls = await h.CountCallsAsync(ct);
            if (drained!.Items != size)
            {
                throw new BenchmarkInvalidException($"{size} saves enqueued {drained.Items} items; the trigger should enqueue one per save.");
            }

            return new Trial(size, elapsed, new Dictionary<string, double> { [CounterNames.ApiCalls] = calls.Calls });
        }

        public ValueTask DisposeAsync() => h.DisposeAsync();
    }
}
