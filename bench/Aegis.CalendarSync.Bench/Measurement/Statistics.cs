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

    /// <summary>B/A, or null when A is zero (e.g. 0 API calls per no-op save).</summary>
    public static double? Ratio(double a, double b) => a == 0 ? null : b / a;
}
