using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>B/A. <see cref="PairedMsPerItem"/> is the median of the per-repetition ratios (each B against the A run
/// just before it), the figure least affected by drift; the others are ratios of medians. A counter ratio is null
/// when A's value is 0.</summary>
public sealed record RatioSummary(
    double MsPerItem,
    double PairedMsPerItem,
    double ItemsPerSecond,
    IReadOnlyDictionary<string, double?> PerItem)
{
    public static RatioSummary From(ArmSummary a, ArmSummary b, IReadOnlyList<Trial> trialsA, IReadOnlyList<Trial> trialsB) => new(
        b.MedianMsPerItem / a.MedianMsPerItem,
        Statistics.Median(trialsA.Zip(trialsB, (x, y) => y.MillisecondsPerItem / x.MillisecondsPerItem)),
        b.MedianItemsPerSecond / a.MedianItemsPerSecond,
        a.MedianPerItem.ToDictionary(p => p.Key, p => Statistics.Ratio(p.Value, b.MedianPerItem[p.Key])));
}
