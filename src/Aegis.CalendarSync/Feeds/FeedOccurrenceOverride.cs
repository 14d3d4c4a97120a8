using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Feeds;

/// <summary>One occurrence of a series that differs from the rule (DESIGN §9), keyed by the occurrence's original
/// start. Skipped → an EXDATE on the series; otherwise a VEVENT with the series' UID and a RECURRENCE-ID carrying the
/// moved times, title, amount or status (null = as the series).</summary>
public sealed record FeedOccurrenceOverride
{
    public required DateTimeOffset OriginalStart { get; init; }
    public bool Skipped { get; init; }
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public string? Title { get; init; }
    public decimal? Amount { get; init; }
    public EventStatus? Status { get; init; }
    /// <summary>The override's own change counter (its SEQUENCE).</summary>
    public long Revision { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
