namespace Aegis.CalendarSync.Store;

/// <summary>Wakes the queue processor when work is enqueued: LISTEN/NOTIFY on PostgreSQL (across nodes),
/// an in-process signal on SQLite. The processor also polls, so a missed signal only adds latency.</summary>
public interface IQueueSignal
{
    /// <summary>Completes when new work may be available or <paramref name="timeout"/> elapses
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: only on a notification or cancellation).</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken ct);
    /// <summary>Called after a local write that enqueued work (SQLite); PostgreSQL's trigger NOTIFYs itself.</summary>
    void Notify();
}
