using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Feeds;

/// <summary>Read model of one VEVENT (plus its overrides): the event, its revision counter (SEQUENCE) and the
/// occurrence overrides of a series, ordered by original start (empty for single events).</summary>
public sealed record FeedEvent(FinancialEvent Event, long Revision, IReadOnlyList<FeedOccurrenceOverride> Overrides)
{
    public FeedEvent(FinancialEvent e, long revision) : this(e, revision, []) { }
}
