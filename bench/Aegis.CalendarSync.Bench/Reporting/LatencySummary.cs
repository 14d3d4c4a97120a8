using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>Latency percentiles of one arm over every timed item of every repetition (warm-up excluded), pooled: the
/// percentiles describe single changes, not trial medians. <see cref="WithinOneSecond"/> is the share of items at or
/// under <see cref="PromiseMilliseconds"/>, the product promise "a change propagates within a second".</summary>
public sealed record LatencySummary(int Samples, double P50Ms, double P95Ms, double MaxMs, double MeanMs, double WithinOneSecond, double P99Ms)
{
    public const double PromiseMilliseconds = 1000;

    public static LatencySummary? From(IReadOnlyList<Trial> trials)
    {
        if (trials.Any(t => t.Latencies is null))
        {
            return null;
        }

        var ms = trials.SelectMany(t => t.Latencies!).Select(l => l.TotalMilliseconds).ToList();
        return new LatencySummary(
            ms.Count,
            Statistics.Percentile(ms, 50),
            Statistics.Percentile(ms, 95),
            ms.Max(),
            ms.Average(),
            (double)ms.Count(m => m <= PromiseMilliseconds) / ms.Count,
            Statistics.Percentile(ms, 99));
    }
}
