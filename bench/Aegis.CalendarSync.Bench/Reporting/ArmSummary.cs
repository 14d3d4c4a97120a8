using System.Text.Json.Serialization;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>Medians of one arm's trials; for latency scenarios also the pooled per-item latency percentiles.</summary>
public sealed record ArmSummary(
    string Label,
    double MedianMsPerItem,
    double MedianItemsPerSecond,
    double MinMsPerItem,
    double MaxMsPerItem,
    IReadOnlyDictionary<string, double> MedianPerItem,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LatencySummary? Latency)
{
    public static ArmSummary From(string label, IReadOnlyList<Trial> trials, IReadOnlyList<string> counters) => new(
        label,
        Statistics.Median(trials.Select(t => t.MillisecondsPerItem)),
        Statistics.Median(trials.Select(t => t.ItemsPerSecond)),
        trials.Min(t => t.MillisecondsPerItem),
        trials.Max(t => t.MillisecondsPerItem),
        counters.ToDictionary(c => c, c => Statistics.Median(trials.Select(t => t.PerItem(c)))),
        LatencySummary.From(trials));
}
