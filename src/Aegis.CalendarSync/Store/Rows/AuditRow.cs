using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class AuditRow
{
    public const string Columns =
        "id AS Id, user_id AS UserId, action AS Action, status AS Status, financial_event_id AS FinancialEventId, " +
        "google_event_id AS GoogleEventId, error_code AS ErrorCode, error_message AS ErrorMessage, " +
        "conflict_details AS ConflictDetails, duration_ms AS DurationMs, created_at AS CreatedAt";

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
    };
}
