using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios.Propagation;

/// <summary>"A change propagates within a second", end to end on the real server host: per item, one title change
/// on one side and the time until the other side shows it, with real timers, pushes, signals and HTTP. A: SQLite,
/// B: PostgreSQL, each its own server, database and emulator. Changes are made one at a time on a quiet server (the
/// previous change and its echo fully processed), so each latency is one change alone, not a backlog.</summary>
public sealed class PropagationScenario(IPropagationPath path) : IScenario
{
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(30);

    public string Name => path.Name;

    public string Description => path.Description;

    public string ArmA => "sqlite";

    public string ArmB => "postgres";

    public IReadOnlyList<string> Counters => [CounterNames.ApiCalls, CounterNames.QueueItems];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var events = profile.Size(full: 20, quick: 10);
        var sqlite = await ServerHarness.StartAsync(await TestDatabase.CreateAsync<SqliteTestDatabase>(migrate: false), events, ct);
        try
        {
            var postgres = await ServerHarness.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false), events, ct);
            return new Session(path, sqlite, postgres, profile.Size(full: 20, quick: 8));
        }
        catch
        {
            await sqlite.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(IPropagationPath path, ServerHarness sqlite, ServerHarness postgres, int changes) : IScenarioSession
    {
        private int _changeNumber;

        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var h = arm == Arm.A ? sqlite : postgres;
            var completedAtStart = await h.CompletedQueueItemsAsync(ct);
            var ownCallsAtStart = path.OwnApiCalls(h);
            await h.StartCountingCallsAsync(ct);
            var latencies = new List<TimeSpan>(changes);
            for (var i = 0; i < changes; i++)
            {
                var number = ++_changeNumber;
                var target = h.Events[number % h.Events.Count];
                var title = $"Renamed {number} {Guid.NewGuid():N}";
                var completed = await h.CompletedQueueItemsAsync(ct);
                var latency = await PollingProbe.MeasureAsync(
                    token => path.ChangeTitleAsync(h, target, title, token),
                    token => path.ShowsTitleAsync(h, target, title, token),
                    ChangeTimeout, ct)
                    ?? throw new BenchmarkInvalidException($"{h.StoreProvider}: change {number} did not propagate within {ChangeTimeout.TotalSeconds} s.");
                latencies.Add(latency);
                await h.WaitUntilQuietAsync(completed + path.QueueItemsPerChange, ct);
            }

            var calls = await h.CountCallsAsync(ct);
            var queueItems = await h.CompletedQueueItemsAsync(ct) - completedAtStart;
            return Trial.FromLatencies(latencies, new Dictionary<string, double>
            {
                [CounterNames.ApiCalls] = calls.Calls - (path.OwnApiCalls(h) - ownCallsAtStart),
                [CounterNames.QueueItems] = queueItems,
            });
        }

        public async ValueTask DisposeAsync()
        {
            await sqlite.DisposeAsync();
            await postgres.DisposeAsync();
        }
    }
}
