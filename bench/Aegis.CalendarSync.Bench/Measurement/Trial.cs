namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>One timed repetition of one arm: the items it processed, the wall-clock time of the timed region only
/// (set-up excluded), and totals of what it counted (API calls, local writes ...).</summary>
public sealed record Trial(int Items, TimeSpan Elapsed, IReadOnlyDictionary<string, double> Totals)
{
    public double MillisecondsPerItem => Elapsed.TotalMilliseconds / Items;

    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    public double PerItem(string counter) => Totals[counter] / Items;
}
