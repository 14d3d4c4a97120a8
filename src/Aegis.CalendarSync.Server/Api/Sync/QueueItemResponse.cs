using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>A queue item. <see cref="LastError"/> is the raw error for operators; <see cref="Reason"/> says it in plain
/// words and <see cref="ReasonCode"/> names its cause; <see cref="WillRetryAt"/> is set while the queue retries the item
/// by itself after a failed attempt (quick retries, then slow retries for transient failures), so such an item reads
/// "will retry at …", not failed.</summary>
public sealed record QueueItemResponse(
    long Id,
    Guid? FinancialEventId,
    string? EventTitle,
    SyncDirection Direction,
    QueueAction Action,
    QueueStatus Status,
    int RetryCount,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? WillRetryAt,
    string? LastError,
    FailureCause? ReasonCode,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static QueueItemResponse From(QueueEntry entry)
    {
        var i = entry.Item;
        return new(i.Id, i.FinancialEventId, entry.EventTitle, i.Direction, i.Action, i.Status, i.RetryCount, i.NextAttemptAt,
            entry.WillRetryAt, i.LastError, entry.Reason?.Cause, entry.Reason?.Text, i.CreatedAt, i.UpdatedAt);
    }
}
