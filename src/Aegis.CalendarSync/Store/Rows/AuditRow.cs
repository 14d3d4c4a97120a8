using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class AuditRow
{
    /// <summary>The columns of alias <c>a</c> in <see cref="From"/>. Rows written before migration 0009 have no stored
    /// title and show the event's current one (when it still exists).</summary>
    public const string Columns =
        "a.id AS Id, a.user_id AS UserId, a.action AS Action, a.status AS Status, a.financial_event_id AS FinancialEventId, " +
        "a.google_event_id AS GoogleEventId, a.error_code AS ErrorCode, a.error_message AS ErrorMessage, " +
        "a.conflict_details AS ConflictDetails, a.duration_ms AS DurationMs, a.created_at AS CreatedAt, " +
        "COALESCE(a.event_title, e.title) AS EventTitle, a.details AS Details, a.propagation_ms AS PropagationMs";

    /// <summary>The audit table as <c>a</c>; the fallback title is joined on user_id too, so a row can only ever show
    /// the title of its own user's event.</summary>
    public const string From =
        "calendar_sync_audit a LEFT JOIN financial_events e ON e.id = a.financial_event_id AND e.user_id = a.user_id";

    public long Id { get; init; }
    public object UserId { get; init; } = null!;
    public string Action { get; init; } = "";
    public string Status { get; init; } = "";
    public object? FinancialEventId { get; init; }
    public string? GoogleEventId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ConflictDetails { get; init; }
    public long? DurationMs { get; init; }
    public object CreatedAt { get; init; } = null!;
    public string? EventTitle { get; init; }
    public string? Details { get; init; }
    public long? PropagationMs { get; init; }

    public AuditEntry ToModel() => new()
    {
        Id = Id,
        UserId = DbValue.ToGuid(UserId),
        Action = EnumText.Parse<AuditAction>(Action),
        Status = EnumText.Parse<AuditOutcome>(Status),
        FinancialEventId = DbValue.ToNullableGuid(FinancialEventId),
        GoogleEventId = GoogleEventId,
        ErrorCode = ErrorCode,
        ErrorMessage = ErrorMessage,
        ConflictDetails = ConflictDetails,
        DurationMs = DurationMs,
        CreatedAt = DbValue.ToTime(CreatedAt),
        EventTitle = EventTitle,
        Details = Details,
        PropagationMs = PropagationMs,
    };
}
