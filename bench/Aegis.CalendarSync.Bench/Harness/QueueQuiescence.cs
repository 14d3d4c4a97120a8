using System.Diagnostics;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Waits until a running server's queue processor has finished all the work a change caused, so the next
/// measured change starts on an idle server: at least the expected number of completed items, nothing pending or
/// processing, and that state unchanged for <see cref="Settle"/> (a push for our own write may still be on its way to
/// the webhook when the queue first looks empty).</summary>
public static class QueueQuiescence
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Completed items so far (the baseline for <see cref="WaitAsync"/>).</summary>
    public static async Task<long> CompletedAsync(ISyncQueueStore queue, CancellationToken ct) =>
        (await queue.CountByStatusAsync(ct)).GetValueOrDefault(QueueStatus.Completed);

    /// <summary>Fails the run when an item is dead-lettered or the queue does not settle within 30 s (an item
    /// waiting for a retry stays pending, so a failure cannot pass as quiet).</summary>
    public static async Task WaitAsync(ISyncQueueStore queue, long completedAtLeast, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        long? quietCompleted = null;
        var quietSince = start;
        using var timer = new PeriodicTimer(CheckInterval);
        do
        {
            var counts = await queue.CountByStatusAsync(ct);
            if (counts.GetValueOrDefault(QueueStatus.Failed) > 0)
            {
                throw new BenchmarkInvalidException($"{counts[QueueStatus.Failed]} queue item(s) were dead-lettered.");
            }

            var completed = counts.GetValueOrDefault(QueueStatus.Completed);
            var idle = counts.GetValueOrDefault(QueueStatus.Pending) == 0
                && counts.GetValueOrDefault(QueueStatus.Processing) == 0
                && completed >= completedAtLeast;
            if (!idle || completed != quietCompleted)
            {
                quietCompleted = idle ? completed : null;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) >= Settle)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(start) > Timeout)
            {
                throw new BenchmarkInvalidException(
                    $"The queue did not settle in {Timeout.TotalSeconds} s: {counts.GetValueOrDefault(QueueStatus.Pending)} pending, " +
                    $"{counts.GetValueOrDefault(QueueStatus.Processing)} processing, {completed} of at least {completedAtLeast} completed.");
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
