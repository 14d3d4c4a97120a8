using Aegis.CalendarSync.Feeds;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Aegis.CalendarSync.Tests.Feeds;

/// <summary>Reads a feed back with Ical.Net (parsing the text, not reusing the writer's objects) and expands it.</summary>
public static class IcalNetFeedReader
{
    public static Calendar Load(byte[] body) => Calendar.Load(System.Text.Encoding.UTF8.GetString(body))!;

    public static IReadOnlyList<FeedOccurrenceView> Occurrences(byte[] body, DateOnly from, DateOnly to)
    {
        var calendar = Load(body);
        var views = new List<FeedOccurrenceView>();
        foreach (var occurrence in calendar.GetOccurrences(new CalDateTime(from.AddDays(-2)), null))
        {
            var start = occurrence.Period.StartTime;
            if (start.Date > to.AddDays(2)) break;
            var source = (CalendarEvent)occurrence.Source;
            var end = occurrence.Period.EffectiveEndTime!;
            var view = start.HasTime
                ? new FeedOccurrenceView(source.Uid!, FeedOccurrenceView.Utc(new DateTimeOffset(start.AsUtc)), FeedOccurrenceView.Utc(new DateTimeOffset(end.AsUtc)), false, source.Summary!)
                : new FeedOccurrenceView(source.Uid!, FeedOccurrenceView.Iso(start.Date), FeedOccurrenceView.Iso(end.Date), true, source.Summary!);
            if (FeedOccurrenceView.InWindow(view, from, to)) views.Add(view);
        }

        return FeedOccurrenceView.Sorted(views);
    }
}
