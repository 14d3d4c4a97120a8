using Aegis.CalendarSync.Application.Occurrences;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Server.Api.Events;

/// <summary>One occurrence of a series as the wallet shows it. <c>original_start</c> is the key the occurrence routes
/// take (a date for all-day series and bills, else UTC RFC 3339); <c>moved</c>: not at its original start.</summary>
public sealed record OccurrenceResponse(
    Guid EventId,
    string OriginalStart,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    string Title,
    decimal Amount,
    OccurrenceStatus Status,
    bool Moved,
    bool Overridden)
{
    public static OccurrenceResponse From(FinancialEvent series, Occurrence o) => new(o.FinancialEventId,
        OccurrenceKey.Format(series, o.OriginalStart), o.StartAt, o.EndAt, o.Title, o.Amount, o.Status, o.IsMoved, o.Overridden);
}
