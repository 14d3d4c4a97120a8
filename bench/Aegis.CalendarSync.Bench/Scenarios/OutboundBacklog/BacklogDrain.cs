using System.Diagnostics;
using Aegis.CalendarSync.Bench.Harness;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>When a backlog is drained: no queue item pending (debounced echo syncs included) or processing, and every
/// wallet event mapped to a Google event, seen on two polls <see cref="Confirmation"/> apart (a push's webhook may
/// still be on its way when the last item completes). The drain ends at the first of those two polls.</summary>
public static class BacklogDrain
{
    /// <summary>Queue polls are 50 ms apart: the drain time is exact to that, over drains of seconds.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static readonly TimeSpan Confirmation = TimeSpan.FromMilliseconds(300);

    /// <summary>Longest wait for a backlog of <paramref name="changes"/>: 2 min plus 150 ms per change (under 7 changes/s,
    /// twenty times slower than this machine's worst rate seen, something is broken rather than slow).</summary>
    public static TimeSpan TimeoutFor(int changes) => TimeSpan.FromMinutes(2) + changes * TimeSpan.FromMilliseconds(150);

    /// <summary>Waits until drained; returns the <see cref="Stopwatch"/> timestamp of the poll that first saw it.</summary>
    public static async Task<long> WaitUntilQuietAsync(BacklogVariantHost host, int changes, CancellationToken ct)
    {
        var timeout = TimeoutFor(changes);
        var started = Stopwatch.GetTimestamp();
        long? quietSince = null;
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            var now = Stopwatch.GetTimestamp();
            var quiet = await host.Database.ActiveQueueItemsAsync(ct) == 0 && await host.Database.UnmappedEventsAsync(ct) == 0;
            if (!quiet)
            {
                quietSince = null;
            }
            else if (quietSince is null)
            {
                quietSince = now;
            }
            else if (Stopwatch.GetElapsedTime(quietSince.Value, now) >= Confirmation)
            {
                return quietSince.Value;
            }

            await Task.Delay(quiet ? Confirmation : PollInterval, ct);
        }

        throw new BenchmarkInvalidException(
            $"{host.Variant.Label}: the queue did not drain within {timeout.TotalMinutes:F1} min; server output:\n{host.Server.RecentOutput}");
    }
}
