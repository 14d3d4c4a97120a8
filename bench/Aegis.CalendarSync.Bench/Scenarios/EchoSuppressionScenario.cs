using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Mapping;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>One incremental sync listing N changes: in A they are the echoes of our own N inserts (recognised by etag
/// or content hash, nothing written locally), in B genuine edits a person made in Google (applied to N wallet rows).
/// Both arms on one engine (SQLite); each trial creates and pushes its own N events first, untimed.</summary>
public sealed class EchoSuppressionScenario : IScenario
{
    public string Name => "echo-suppression";

    public string Description => "One incremental sync listing N changes (time covers the sync only); A: echoes of our own writes, B: genuine Google-side edits";

    public string ArmA => "echoes";

    public string ArmB => "google edits";

    public IReadOnlyList<string> Counters => [CounterNames.ApiCalls, CounterNames.LocalWrites];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct) =>
        new Session(await BenchEngine.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(), ct), profile.Size(full: 150, quick: 50));

    private sealed class Session(SyncHarness h, int size) : IScenarioSession
    {
        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var events = await h.CreateEventsAsync(size, ct);
            await h.DrainCleanlyAsync(ct);
            if (arm == Arm.B)
            {
                await h.Sync.IncrementalSyncAsync(h.UserId, ct);
                await EditInGoogleAsync(events.Select(e => e.Id), ct);
            }

            var pending = await h.CountPendingChangesAsync(ct);
            if (pending != size)
            {
                throw new BenchmarkInvalidException($"The incremental sync would list {pending} changes, not the {size} this trial measures.");
            }

            var before = await h.ReadAsync(events, ct);
            await h.StartCountingCallsAsync(ct);
            var elapsed = await TimedRegion.MeasureAsync(() => h.Sync.IncrementalSyncAsync(h.UserId, ct));
            var calls = await h.CountCallsAsync(ct);
            var after = await h.ReadAsync(events, ct);
            var writes = before.Zip(after).Count(pair => !Equals(pair.First, pair.Second));
            return new Trial(size, elapsed, new Dictionary<string, double>
            {
                [CounterNames.ApiCalls] = calls.Calls,
                [CounterNames.LocalWrites] = writes,
            });
        }

        public ValueTask DisposeAsync() => h.DisposeAsync();

        private async Task EditInGoogleAsync(IEnumerable<Guid> financialEventIds, CancellationToken ct)
        {
            foreach (var id in financialEventIds)
            {
                await h.Admin.PatchEventAsPersonAsync(SyncHarness.Email, "primary",
                    GoogleEventId.FromFinancialEventId(id), new { summary = $"Edited in Google {id:N}" }, ct);
            }
        }
    }
}
