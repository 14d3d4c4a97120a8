using Aegis.CalendarSync.Application.Audit;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.Progress;

/// <summary>One audit row as a live activity line: the row's facts, the event's title as it was at the time, and a
/// sentence for people (<see cref="AuditSentence"/>). <see cref="Routine"/> rows changed nothing (our own echo,
/// nothing new to send) and are hidden unless the user asks for them.</summary>
public sealed record ActivityEntry(
    long Id,
    AuditAction Action,
    AuditOutcome Status,
    Guid? FinancialEventId,
    string? EventTitle,
    string? Details,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    string Summary,
    bool Routine)
{
    public static ActivityEntry From(AuditEntry row) => new(row.Id, row.Action, row.Status, row.FinancialEventId, row.EventTitle,
        row.Details, row.ErrorMessage, row.CreatedAt, AuditSentence.Summarize(row), AuditSentence.IsRoutine(row));
}
