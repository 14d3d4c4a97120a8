using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Progress;

/// <summary>One audit row as a live activity line: the row plus the event's title and a sentence for people.</summary>
public sealed record ActivityEntry(
    long Id,
    AuditAction Action,
    AuditOutcome Status,
    Guid? FinancialEventId,
    string? EventTitle,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    string Summary);
