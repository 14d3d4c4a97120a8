using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

public sealed record QueueItemResponse(
    long Id,
    Guid? FinancialEventId,
    SyncDirection Direction,
    QueueAction Action,
    QueueStatus Status,
    int RetryCount,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static QueueItemResponse From(SyncQueueItem i) => new(i.Id, i.FinancialEventId, i.Direction, i.Action,
        i.Status, i.RetryCount, i.NextAttemptAt, i.LastError, i.CreatedAt, i.UpdatedAt);
}
