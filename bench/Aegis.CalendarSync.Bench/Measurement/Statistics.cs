namespace Aegis.CalendarSync.Bench.Measurement;

public static class Statistics
{
    /// <summary>Middle value (mean of the two middle values for an even count): robust to the one slow outlier a
    /// noisy machine produces.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest-rank percentile (the smallest value with at least <paramref name="percent"/>% of the values at
    /// or below it): always a value that was actually observed, never an interpolation between two.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>B/A, or null when A is zero (e.g. 0 API calls per no-op save).</summary>
    public static double? Ratio(double a, double b) => a == 0 ? null : b / a;
}
