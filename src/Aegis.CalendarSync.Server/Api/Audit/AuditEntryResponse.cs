using System.Text.Json;
using Aegis.CalendarSync.Application.Audit;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Api.Conflicts;

namespace Aegis.CalendarSync.Server.Api.Audit;

/// <summary>An audit row on the wire: <c>event_title</c> is the title as it was when the row was written, <c>details</c>
/// what the operation did, <c>summary</c> the sentence the UI shows, <c>propagation_ms</c> the time from the change to
/// the other side's acknowledgement; <c>error_code</c>/<c>error_message</c> say why an operation failed or was skipped.</summary>
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
    DateTimeOffset CreatedAt,
    string? EventTitle,
    string? Details,
    long? PropagationMs,
    string Summary)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, e.Action, e.Status, e.FinancialEventId,
        e.GoogleEventId, e.ErrorCode, e.ErrorMessage,
        e.ConflictDetails is null ? null : ConflictResponse.ParseSnapshot(e.ConflictDetails),
        e.DurationMs, e.CreatedAt, e.EventTitle, e.Details, e.PropagationMs, AuditSentence.Summarize(e));
}
