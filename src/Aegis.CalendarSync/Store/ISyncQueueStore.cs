using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>The outbound/inbound work queue. Claims are one atomic statement; every later write is fenced by the lease id.</summary>
public interface ISyncQueueStore
{
    /// <summary>Enqueues calendar-wide from_google work, coalesced with a pending item of the same user and action
    /// (made due now unless it waits for a quick retry, i.e. less than a minute; a slow retry is cut short).</summary>
    Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, CancellationToken ct);
    /// <summary>As above, due per <paramref name="debounce"/>: a new item after its quiet time; a pending one (not
    /// backing off) is pushed back to now + quiet unless that passes its first request + max delay or it is already
    /// due, and brought forward when the new due time is earlier. While an item of the user is being processed, the
    /// pending one waits behind it, so any number of requests during a run cause exactly one more run.</summary>
    Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, QueueDebounce debounce, CancellationToken ct);
    /// <summary>As above for one calendar (<paramref name="calendarId"/>; null: every calendar the user syncs), coalesced
    /// only with pending work of the same calendar.</summary>
    Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, string? calendarId, QueueDebounce debounce, CancellationToken ct);
    /// <summary>What a push channel's accepted pushes write (DESIGN §4), in one transaction: the channel's message number
    /// raised to <paramref name="messageNumber"/> (never lowered), then the coalesced incremental sync of
    /// <paramref name="calendarId"/> as <see cref="EnqueueFromGoogleAsync(Guid, QueueAction, string?, QueueDebounce, CancellationToken)"/>
    /// enqueues it. With <paramref name="onlyIfAdvanced"/>, a number at or below the stored one is a duplicate and
    /// nothing is enqueued. Returns whether the number advanced.</summary>
    Task<bool> EnqueuePushedSyncAsync(Guid userId, string channelId, long messageNumber, string? calendarId, QueueDebounce debounce,
        bool onlyIfAdvanced, CancellationToken ct);
    /// <summary>Queues an outbound upsert of each event that has no pending outbound item (one with one is pushed by it
    /// anyway); wakes the queue; returns how many were queued.</summary>
    Task<int> EnqueueToGoogleAsync(Guid userId, IReadOnlyCollection<Guid> financialEventIds, CancellationToken ct);
    /// <summary>When the earliest pending item falls due (possibly in the past); null when nothing is pending.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct);
    /// <summary>Claims up to <paramref name="batchSize"/> due pending items (or processing items whose lease expired),
    /// at most one in flight per (user, financial event) so per-event order holds; sets status processing,
    /// a new lease id and locked_until = now + lease.</summary>
    Task<IReadOnlyList<SyncQueueItem>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken ct);
    /// <summary>Marks completed; false when the lease was lost.</summary>
    Task<bool> CompleteAsync(long id, Guid leaseId, CancellationToken ct);
    /// <summary>Back to pending with retry_count + 1 and next_attempt_at, or failed (dead letter) when
    /// <paramref name="deadLetter"/>; false when the lease was lost.</summary>
    Task<bool> RetryAsync(long id, Guid leaseId, DateTimeOffset nextAttemptAt, string error, bool deadLetter, CancellationToken ct);
    /// <summary>Extends locked_until; false when the lease was lost.</summary>
    Task<bool> HeartbeatAsync(long id, Guid leaseId, TimeSpan lease, CancellationToken ct);
    /// <summary>Marks the event's failed to_google items (its dead letters) completed: the event's current version has
    /// reached Google by another path (a full sync, a later edit's push, a conflict resolution), so nothing is left to
    /// retry. One statement; returns the items it closed (as they were, for the audit).</summary>
    Task<IReadOnlyList<SyncQueueItem>> CloseFailedForEventAsync(Guid userId, Guid financialEventId, CancellationToken ct);
    /// <summary>Moves a failed item back to pending with retry_count 0 (retry from the UI).</summary>
    Task<bool> RequeueFailedAsync(Guid userId, long id, CancellationToken ct);
    /// <summary>Moves every failed item (of <paramref name="userId"/>, or of every user when null) back to pending with
    /// retry_count 0 in one statement, waking the queue; returns how many moved.</summary>
    Task<int> RequeueAllFailedAsync(Guid? userId, CancellationToken ct);
    /// <summary>Failed items (dead letters) of one user, or of every user when <paramref name="userId"/> is null,
    /// newest first.</summary>
    Task<IReadOnlyList<SyncQueueItem>> ListFailedAsync(Guid? userId, int limit, CancellationToken ct);
    Task<IReadOnlyList<SyncQueueItem>> ListAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct);
    /// <summary>As <see cref="ListAsync"/>, each item with its event's title (the user's own events only).</summary>
    Task<IReadOnlyList<TitledQueueItem>> ListTitledAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct);
    /// <summary>Marks a failed item of the user resolved (status completed, retry state cleared, last_error kept) when
    /// what it was meant to do no longer needs doing; false when it is not (or no longer) failed, e.g. requeued
    /// concurrently. The caller audits why.</summary>
    Task<bool> ResolveFailedAsync(Guid userId, long id, CancellationToken ct);
    Task<IReadOnlyDictionary<QueueStatus, long>> CountByStatusAsync(CancellationToken ct);
    /// <summary>Deletes completed items older than <paramref name="olderThan"/>; returns rows deleted.</summary>
    Task<int> PurgeCompletedAsync(DateTimeOffset olderThan, CancellationToken ct);
}
