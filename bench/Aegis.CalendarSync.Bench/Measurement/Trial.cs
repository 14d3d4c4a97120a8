namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>One timed repetition of one arm: the items it processed, the wall-clock time of the timed region only
/// (set-up excluded), and totals of what it counted (API calls, local writes ...). Latency scenarios also give each
/// item's own latency (<paramref name="Latencies"/>), from which the arm's percentiles are computed; their
/// <paramref name="Elapsed"/> is the sum of those latencies, so ms/item is the mean latency.</summary>
public sealed record Trial(int Items, TimeSpan Elapsed, IReadOnlyDictionary<string, double> Totals, IReadOnlyList<TimeSpan>? Latencies = null)
{
    public double MillisecondsPerItem => Elapsed.TotalMilliseconds / Items;

    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    public double PerItem(string counter) => Totals[counter] / Items;

    /// <summary>A trial made of individually timed items: elapsed is their sum.</summary>
    public static Trial FromLatencies(IReadOnlyList<TimeSpan> latencies, IReadOnlyDictionary<string, double> totals) =>
        new(latencies.Count, latencies.Aggregate(TimeSpan.Zero, (sum, l) => sum + l), totals, latencies);
}
