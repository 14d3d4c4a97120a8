using Aegis.CalendarSync.Bench.Reporting;
using Aegis.CalendarSync.Bench.Scenarios;

namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>Runs a scenario's two arms alternately (warm-up pairs, then A, B, A, B ...), so slow drift of a noisy
/// machine (other jobs, thermal throttling, a growing database) lands on both arms alike and cancels in the ratio.</summary>
public sealed class InterleavedRunner(BenchProfile profile, TextWriter progress)
{
    public async Task<ScenarioResult> RunAsync(IScenario scenario, CancellationToken ct)
    {
        progress.WriteLine($"[{scenario.Name}] setting up ({profile.Name})");
        await using var session = await scenario.StartAsync(profile, ct);
        for (var i = 0; i < profile.WarmupPairs; i++)
        {
            await session.RunAsync(Arm.A, ct);
            await session.RunAsync(Arm.B, ct);
        }

        var a = new List<Trial>(profile.Repetitions);
        var b = new List<Trial>(profile.Repetitions);
        for (var i = 0; i < profile.Repetitions; i++)
        {
            a.Add(await session.RunAsync(Arm.A, ct));
            b.Add(await session.RunAsync(Arm.B, ct));
            progress.WriteLine($"[{scenario.Name}] rep {i + 1}/{profile.Repetitions}: " +
                $"{scenario.ArmA} {a[^1].MillisecondsPerItem:F3} ms/item, {scenario.ArmB} {b[^1].MillisecondsPerItem:F3} ms/item");
        }

        return ScenarioResult.From(scenario, a, b);
    }
}
