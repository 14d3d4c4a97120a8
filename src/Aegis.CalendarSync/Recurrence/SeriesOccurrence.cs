using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>One occurrence of a wallet event. All-day: <see cref="Start"/>/<see cref="End"/> are the start of the
/// due date and of the (exclusive) end date in the event's zone. <see cref="OriginalStart"/> is the rule's start of
/// this occurrence (equal to Start unless an override moved it). Title, status and amount are the override's where it
/// sets them.</summary>
public sealed record SeriesOccurrence(DateTimeOffset OriginalStart, DateTimeOffset Start, DateTimeOffset End, bool AllDay,
    string Title, EventStatus Status, decimal Amount);
