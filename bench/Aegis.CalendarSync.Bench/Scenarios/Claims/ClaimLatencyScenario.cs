using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios.Claims;

/// <summary>Latency of one queue claim (a batch of <see cref="BatchSize"/>) on PostgreSQL, each arm on its own
/// database holding its own backlog (<see cref="ClaimBacklog"/>). Set-up (100,000 rows, statistics) and the reset
/// after each claim are untimed; an item is one claim, and every claim must return a full batch.</summary>
public sealed class ClaimLatencyScenario(string name, ClaimArm a, ClaimArm b) : IScenario
{
    private readonly ClaimArm _a = a;
    private readonly ClaimArm _b = b;

    /// <summary>The batch the issue amortises over.</summary>
    public const int BatchSize = 50;

    public const string Claimed = "claimedPerClaim";

    public string Name => name;

    public string Description => $"one claim of {BatchSize} queue items on PostgreSQL (time: the claim statement's round trip)";

    public string ArmA => _a.ToString();

    public string ArmB => _b.ToString();

    public IReadOnlyList<string> Counters => [Claimed];

    /// <summary>The claim scenarios of issue 12: flat at 100 vs 100,000 rows, and the seed claim against the current one.</summary>
    public static IEnumerable<IScenario> All()
    {
        const int small = 100, large = 100_000;
        yield return new ClaimLatencyScenario("claim-flat-due",
            new(small, BacklogShape.AllDue, ClaimStatement.Current), new(large, BacklogShape.AllDue, ClaimStatement.Current));
        yield return new ClaimLatencyScenario("claim-flat-backoff",
            new(small, BacklogShape.MostlyBackingOff, ClaimStatement.Current), new(large, BacklogShape.MostlyBackingOff, ClaimStatement.Current));
        yield return new ClaimLatencyScenario("claim-seed-flat-backoff",
            new(small, BacklogShape.MostlyBackingOff, ClaimStatement.Seed), new(large, BacklogShape.MostlyBackingOff, ClaimStatement.Seed));
        yield return new ClaimLatencyScenario("claim-seed-vs-current-due",
            new(large, BacklogShape.AllDue, ClaimStatement.Seed), new(large, BacklogShape.AllDue, ClaimStatement.Current));
        yield return new ClaimLatencyScenario("claim-seed-vs-current-backoff",
            new(large, BacklogShape.MostlyBackingOff, ClaimStatement.Seed), new(large, BacklogShape.MostlyBackingOff, ClaimStatement.Current));
    }

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var first = await ClaimBacklog.CreateAsync(_a.Rows, _a.Shape, ct);
        try
        {
            var second = await ClaimBacklog.CreateAsync(_b.Rows, _b.Shape, ct);
            return new Session(this, first, second, profile.Size(full: 40, quick: 15));
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(ClaimLatencyScenario scenario, ClaimBacklog first, ClaimBacklog second, int claims) : IScenarioSession
    {
        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var (backlog, config) = arm == Arm.A ? (first, scenario._a) : (second, scenario._b);
            var latencies = new List<TimeSpan>(claims);
            var claimed = 0;
            for (var i = 0; i < claims; i++)
            {
                var (latency, count) = await backlog.ClaimOnceAsync(config.Statement, BatchSize, ct);
                var expected = Math.Min(BatchSize, config.Shape == BacklogShape.AllDue ? config.Rows : ClaimBacklog.DueWhenBackingOff);
                if (count != expected)
                {
                    throw new BenchmarkInvalidException($"{config}: a claim returned {count} items, expected {expected}.");
                }

                latencies.Add(latency);
                claimed += count;
            }

            return Trial.FromLatencies(latencies, new Dictionary<string, double> { [Claimed] = claimed });
        }

        public async ValueTask DisposeAsync()
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }
}
