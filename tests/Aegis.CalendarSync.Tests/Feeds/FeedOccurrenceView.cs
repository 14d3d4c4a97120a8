using System.Globalization;
using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>One occurrence as any parser sees it: all-day start/end as yyyy-MM-dd dates, timed ones as UTC instants
/// (yyyy-MM-ddTHH:mm:ssZ). The window rule is the same on every side: dates of all-day occurrences, instants of
/// timed ones, in [From, To).</summary>
public sealed record FeedOccurrenceView(string Uid, string Start, string End, bool AllDay, string Summary)
{
    public override string ToString() => $"{Uid} {Start} → {End} {Summary}";

    /// <summary>What the wallet's own expansion (<see cref="SeriesExpander"/>) says the feed must contain.</summary>
    public static IReadOnlyList<FeedOccurrenceView> Expected(IEnumerable<FeedEvent> events, DateOnly from, DateOnly to)
    {
        var result = new List<FeedOccurrenceView>();
        foreach (var item in events)
        {
            var e = item.Event;
            var zone = ZonedDates.Find(e.TimeZone) ?? TimeZoneInfo.Utc;
            var wide = SeriesExpander.Expand(e, item.Overrides, Instant(from).AddDays(-2), Instant(to).AddDays(2));
            foreach (var o in wide)
            {
                var view = e.AllDay
                    ? new FeedOccurrenceView(e.Id.ToString("D"), Date(o.Start, zone), Date(o.End, zone), true, SummaryOf(e, o))
                    : new FeedOccurrenceView(e.Id.ToString("D"), Utc(o.Start), Utc(o.End), false, SummaryOf(e, o));
                if (InWindow(view, from, to)) result.Add(view);
            }
        }

        return Sorted(result);
    }

    public static IReadOnlyList<FeedOccurrenceView> Sorted(IEnumerable<FeedOccurrenceView> views) =>
        views.OrderBy(v => v.Uid + v.Start, StringComparer.Ordinal).ToList();

    public static bool InWindow(FeedOccurrenceView view, DateOnly from, DateOnly to) => view.AllDay
        ? string.CompareOrdinal(view.Start, Iso(from)) >= 0 && string.CompareOrdinal(view.Start, Iso(to)) < 0
        : DateTimeOffset.Parse(view.Start, CultureInfo.InvariantCulture) >= Instant(from)
          && DateTimeOffset.Parse(view.Start, CultureInfo.InvariantCulture) < Instant(to);

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset instant, TimeZoneInfo zone) => Iso(ZonedDates.LocalDate(instant, zone));

    private static DateTimeOffset Instant(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string SummaryOf(Model.FinancialEvent e, SeriesOccurrence o) =>
        FeedEventText.Summary(o.Title, e.EventType, o.Amount, e.Currency, o.Status);
}
