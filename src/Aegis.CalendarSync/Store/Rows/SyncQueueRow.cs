using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal class SyncQueueRow
{
    public const string Columns =
        "id AS Id, user_id AS UserId, financial_event_id AS FinancialEventId, sync_direction AS Direction, " +
        "action AS Action, status AS Status, retry_count AS RetryCount, next_attempt_at AS NextAttemptAt, " +
        "locked_until AS LockedUntil, lease_id AS LeaseId, last_error AS LastError, created_at AS CreatedAt, updated_at AS UpdatedAt, " +
        "trace_parent AS TraceParent, google_calendar_id AS GoogleCalendarId";

    /// <summary><see cref="Columns"/> of the table aliased <paramref name="alias"/> in a join.</summary>
    public static string QualifiedColumns(string alias) =>
        string.Join(", ", Columns.Split(", ").Select(column => $"{alias}.{column}"));

    public long Id { get; init; }
    public object UserId { get; init; } = null!;
    public object? FinancialEventId { get; init; }
    public string Direction { get; init; } = "";
    public string Action { get; init; } = "";
    public string Status { get; init; } = "";
    public long RetryCount { get; init; }
    public object NextAttemptAt { get; init; } = null!;
    public object? LockedUntil { get; init; }
    public object? LeaseId { get; init; }
    public string? LastError { get; init; }
    public object CreatedAt { get; init; } = null!;
    public object UpdatedAt { get; init; } = null!;
    public string? TraceParent { get; init; }
    public string? GoogleCalendarId { get; init; }

    public SyncQueueItem ToModel() => new()
    {
        Id = Id,
        UserId = DbValue.ToGuid(UserId),
        FinancialEventId = DbValue.ToNullableGuid(FinancialEventId),
        Direction = EnumText.Parse<SyncDirection>(Direction),
        Action = EnumText.Parse<QueueAction>(Action),
        Status = EnumText.Parse<QueueStatus>(Status),
        RetryCount = checked((int)RetryCount),
        NextAttemptAt = DbValue.ToTime(NextAttemptAt),
        LockedUntil = DbValue.ToNullableTime(LockedUntil),
        LeaseId = DbValue.ToNullableGuid(LeaseId),
        LastError = LastError,
        CreatedAt = DbValue.ToTime(CreatedAt),
        UpdatedAt = DbValue.ToTime(UpdatedAt),
        TraceParent = TraceParent,
        GoogleCalendarId = GoogleCalendarId,
    };
}
