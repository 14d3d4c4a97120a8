namespace Aegis.CalendarSync.Model;

/// <summary>One unit of sync work. <see cref="LeaseId"/> is the fencing token set by a claim: ack, retry and
/// heartbeat only succeed while it still matches, so a worker that lost its lease cannot overwrite a result.</summary>
public sealed record SyncQueueItem
{
    public required long Id { get; init; }
    public required Guid UserId { get; init; }
    public Guid? FinancialEventId { get; init; }
    /// <summary>The calendar a from_google item syncs; null: every calendar the user syncs.</summary>
    public string? GoogleCalendarId { get; init; }
    public SyncDirection Direction { get; init; }
    public QueueAction Action { get; init; }
    public QueueStatus Status { get; init; }
    public int RetryCount { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public Guid? LeaseId { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The W3C traceparent of the span that enqueued (or last coalesced into) this item; null when none was
    /// recorded (tracing off, or a write from outside the application).</summary>
    public string? TraceParent { get; init; }
}
