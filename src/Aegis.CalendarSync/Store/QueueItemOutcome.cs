namespace Aegis.CalendarSync.Store;

/// <summary>What a batch's commit records for one claimed item, fenced by its lease.</summary>
public abstract record QueueItemOutcome
{
    private QueueItemOutcome()
    {
    }

    /// <summary>The work is done: status completed (as <see cref="ISyncQueueStore.CompleteAsync"/>).</summary>
    public sealed record Complete : QueueItemOutcome;

    /// <summary>Back to pending at <paramref name="NextAttemptAt"/> with one more retry, or failed (dead letter) when
    /// <paramref name="DeadLetter"/> (as <see cref="ISyncQueueStore.RetryAsync"/>).</summary>
    public sealed record Retry(DateTimeOffset NextAttemptAt, string Error, bool DeadLetter) : QueueItemOutcome;

    /// <summary>Not acknowledged (its handler was interrupted): nothing of the item is written; it returns to the queue
    /// when its lease expires.</summary>
    public sealed record Release : QueueItemOutcome;
}
