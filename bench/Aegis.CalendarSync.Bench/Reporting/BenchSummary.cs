using System.Text.Json.Serialization;
using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>The machine-readable result of one run (the last stdout line, and bench/results/latest.json).
/// <see cref="OutboundBacklog"/> is the outbound-backlog scenario's result (three variants), null when not run.</summary>
public sealed record BenchSummary(
    string Profile,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    RateLimitInfo RateLimits,
    IReadOnlyList<ScenarioResult> Scenarios,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BacklogScenarioResult? OutboundBacklog = null)
{
    public static BenchSummary Create(BenchProfile profile, DateTimeOffset startedAt, TimeSpan duration, IReadOnlyList<ScenarioResult> scenarios,
        BacklogScenarioResult? outboundBacklog = null) => new(
        profile.Name,
        startedAt,
        Math.Round(duration.TotalSeconds, 1),
        MachineInfo.Current(),
        new RateLimitInfo(BenchRateLimits.EmulatorPerSecond, BenchRateLimits.ClientPerSecond, ThrottledCallsAllowed: 0),
        scenarios,
        outboundBacklog);
}

/// <summary><see cref="LoadAverage"/> is the 1-minute load average when the run ended (Linux only): above the core
/// count, other processes competed for the CPU and absolute times are inflated; the paired ratios are what to read.</summary>
public sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, double? LoadAverage)
{
    private const string LoadAverageFile = "/proc/loadavg";

    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    private static double? ReadLoadAverage() =>
        File.Exists(LoadAverageFile)
        && double.TryParse(File.ReadAllText(LoadAverageFile).Split(' ')[0], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
}

/// <summary>The quotas in force: high enough that none was reached (a throttled call voids the run).</summary>
public sealed record RateLimitInfo(int EmulatorPerSecond, int ClientPerSecond, int ThrottledCallsAllowed);
