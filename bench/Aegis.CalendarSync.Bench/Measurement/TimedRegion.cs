using System.Diagnostics;

namespace Aegis.CalendarSync.Bench.Measurement;

/// <summary>Times only the work a scenario measures, on the monotonic high-resolution clock.</summary>
public static class TimedRegion
{
    public static async Task<TimeSpan> MeasureAsync(Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(start);
    }
}
