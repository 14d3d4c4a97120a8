using System.Text.Json.Serialization;
using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>B/A. <see cref="PairedMsPerItem"/> is the median of the per-repetition ratios (each B against the A run
/// just before it), the figure least affected by drift; the others are ratios of medians. A counter ratio is null
/// when A's value is 0. The latency ratios (p50, p95 of the pooled items) exist only for latency scenarios.</summary>
public sealed record RatioSummary(
    double MsPerItem,
    double PairedMsPerItem,
    double ItemsPerSecond,
    IReadOnlyDictionary<string, double?> PerItem,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LatencyP50,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LatencyP95)
{
    public static RatioSummary From(ArmSummary a, ArmSummary b, IReadOnlyList<Trial> trialsA, IReadOnlyList<Trial> trialsB) => new(
        b.MedianMsPerItem / a.MedianMsPerItem,
        Statistics.Median(trialsA.Zip(trialsB, (x, y) => y.MillisecondsPerItem / x.MillisecondsPerItem)),
        b.MedianItemsPerSecond / a.MedianItemsPerSecond,
        a.MedianPerItem.ToDictionary(p => p.Key, p => Statistics.Ratio(p.Value, b.MedianPerItem[p.Key])),
        a.Latency is { } la && b.Latency is { } lb ? Statistics.Ratio(la.P50Ms, lb.P50Ms) : null,
        a.Latency is { } pa && b.Latency is { } pb ? Statistics.Ratio(pa.P95Ms, pb.P95Ms) : null);
}
