using System.Text.Json;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Api.Conflicts;

namespace Aegis.CalendarSync.Server.Api.Audit;

public sealed record AuditEntryResponse(
    long Id,
    AuditAction Action,
    AuditOutcome Status,
    Guid? FinancialEventId,
    string? GoogleEventId,
    string? ErrorCode,
    string? ErrorMessage,
    JsonElement? ConflictDetails,
    long? DurationMs,
    DateTimeOffset CreatedAt)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, e.Action, e.Status, e.FinancialEventId,
        e.GoogleEventId, e.ErrorCode, e.ErrorMessage,
        e.ConflictDetails is null ? null : ConflictResponse.ParseSnapshot(e.ConflictDetails),
        e.DurationMs, e.CreatedAt);
}
