using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>One occurrence of a series with its override applied: what the wallet shows and pays.</summary>
/// <param name="OriginalStart">The start the recurrence gives it; the key of its override.</param>
/// <param name="Overridden">True when an override row exists for it.</param>
public sealed record Occurrence(
    Guid FinancialEventId,
    DateTimeOffset OriginalStart,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    string Title,
    decimal Amount,
    OccurrenceStatus Status,
    bool Overridden)
{
    public bool IsMoved => StartAt != OriginalStart;
}
