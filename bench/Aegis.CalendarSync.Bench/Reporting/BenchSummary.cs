using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>The machine-readable result of one run (the last stdout line, and bench/results/latest.json).</summary>
public sealed record BenchSummary(
    string Profile,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    RateLimitInfo RateLimits,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    public static BenchSummary Create(BenchProfile profile, DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<ScenarioResult> scenarios) => new(
        profile.Name,
        startedAt,
        Math.Round(duration.TotalSeconds, 1),
        MachineInfo.Current(),
        new RateLimitInfo(BenchRateLimits.EmulatorPerSecond, BenchRateLimits.ClientPerSecond, ThrottledCallsAllowed: 0),
        scenarios);
}

public sealed record MachineInfo(int ProcessorCount, string Os, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}

/// <summary>The quotas in force: high enough that none was reached (a throttled call voids the run).</summary>
public sealed record RateLimitInfo(int EmulatorPerSecond, int ClientPerSecond, int ThrottledCallsAllowed);
