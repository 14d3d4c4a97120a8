using System.Diagnostics;

namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>Measures how long a change takes to become visible somewhere else by polling for it: the clock starts
/// just before the change is made and stops at the first check that sees it. The result is therefore the true
/// propagation time plus up to one <see cref="Interval"/> of polling granularity plus the duration of one check.</summary>
public static class PollingProbe
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    /// <summary>Runs <paramref name="change"/>, then checks <paramref name="isVisible"/> at once and every
    /// <see cref="Interval"/> until it holds; null when it did not within <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan?> MeasureAsync(
        Func<CancellationToken, Task> change, Func<CancellationToken, Task<bool>> isVisible, TimeSpan timeout, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await change(ct);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (await isVisible(ct))
            {
                return Stopwatch.GetElapsedTime(start);
            }

            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                return null;
            }
        }
        while (await timer.WaitForNextTickAsync(ct));

        return null;
    }
}
