namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>How long changes took to reach the other side over the window: how many were measured, the median and
/// the 95th percentile (nearest rank: the smallest measured value with at least that share of values at or below it;
/// null when nothing was measured).</summary>
public sealed record PropagationFigures(int Count, TimeSpan? Median, TimeSpan? P95)
{
    public static readonly PropagationFigures None = new(0, null, null);

    public static PropagationFigures From(IEnumerable<long> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0 ? None : new(sorted.Length, At(sorted, 0.50), At(sorted, 0.95));
    }

    private static TimeSpan At(long[] sorted, double share) =>
        TimeSpan.FromMilliseconds(sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)]);
}
