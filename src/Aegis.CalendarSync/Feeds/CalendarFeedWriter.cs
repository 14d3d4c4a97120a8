using System.Text;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Logging;
using EventStatus = Aegis.CalendarSync.Model.EventStatus;

namespace Aegis.CalendarSync.Feeds;

/// <summary>Writes a user's feed as RFC 5545 text with Ical.Net. Deterministic: the same read model gives the same
/// bytes (DTSTAMP and LAST-MODIFIED are the event's updated_at, VTIMEZONEs are derived from the events), which is what
/// makes the feed's strong ETag honest. Per event: UID = event id, SEQUENCE = its revision, all-day events as DATE
/// values, timed ones with TZID (+ one VTIMEZONE per zone), a series as its RRULE with EXDATE for skipped
/// occurrences, and one VEVENT with the same UID and a RECURRENCE-ID for each moved or otherwise changed occurrence.</summary>
public sealed class CalendarFeedWriter(ILogger<CalendarFeedWriter> logger)
{
    public const string ProductId = "-//Aegis//Calendar Sync feed//EN";
    public const string CalendarName = "Aegis — Bills & income";

    /// <summary>Suggested polling interval for clients (RFC 7986 REFRESH-INTERVAL, and X-PUBLISHED-TTL for older ones).</summary>
    public const string RefreshInterval = "PT15M";

    /// <summary>VTIMEZONEs describe the zone at least from this date on (earlier when an event is older).</summary>
    public static readonly DateTime HistoryFloor = new(2020, 1, 1);

    public byte[] Write(IReadOnlyList<FeedEvent> events)
    {
        var calendar = new Calendar { ProductId = ProductId, Scale = "GREGORIAN" };
        calendar.AddProperty("NAME", CalendarName);
        calendar.AddProperty("X-WR-CALNAME", CalendarName);
        calendar.AddProperty("X-WR-CALDESC", "Bills, income and other financial events from the Aegis wallet (read-only).");
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.Parameters.Set("VALUE", "DURATION");
        calendar.Properties.Add(refresh);

        var earliestByZone = new SortedDictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var item in events)
        {
            var times = EventTimes.For(item.Event);
            foreach (var component in Components(item, times))
            {
                calendar.Events.Add(component);
            }

            if (times.NeedsTimeZone)
            {
                var local = times.Start(item.Event).Value;
                earliestByZone[times.ZoneId] = earliestByZone.TryGetValue(times.ZoneId, out var seen) && seen < local ? seen : local;
            }
        }

        // Rules (and earlier rule changes) from the zone's earliest event on, so clients resolve every occurrence the
        // same way. Ical.Net reads the zone's transitions up to "now" and refuses a start after it, so the start is at
        // most HistoryFloor: a fixed date, not the clock, keeps the output (and so the strong ETag) deterministic.
        foreach (var (zoneId, earliest) in earliestByZone)
        {
            var from = new DateTime(Math.Min(earliest.Year, HistoryFloor.Year), 1, 1);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zoneId, from, includeHistoricalData: true));
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return Encoding.UTF8.GetBytes(text);
    }

    private IEnumerable<CalendarEvent> Components(FeedEvent item, EventTimes times)
    {
        var e = item.Event;
        string? note = null;
        var rules = SeriesRules.None;
        try
        {
            rules = SeriesRules.Parse(e.Recurrence, times.ZoneId);
        }
        catch (FormatException ex)
        {
            // One unreadable stored rule must not take the whole feed down: the event is still listed, on its first
            // date, and says so.
            logger.LogWarning(ex, "Feed: event {EventId} has an unreadable recurrence; listed as a single event", e.Id);
            note = "Repeats: the repeat rule could not be read; only the first date is shown.";
        }

        var master = Describe(new CalendarEvent(), e, e.Title, e.Amount, e.Status, note, item.Revision, e.UpdatedAt);
        master.DtStart = times.Start(e);
        master.DtEnd = times.End(e);
        if (rules.Rule is not null) master.RecurrenceRule = rules.Rule;
        master.RecurrenceDates.AddRange(rules.RecurrenceDates);
        master.ExceptionDates.AddRange(rules.ExceptionDates);
        if (!rules.Recurs)
        {
            yield return master;
            yield break;
        }

        var duration = e.EndAt - e.StartAt;
        foreach (var change in item.Overrides.OrderBy(o => o.OriginalStart))
        {
            if (change.Skipped)
            {
                master.ExceptionDates.Add(times.At(change.OriginalStart));
            }
        }

        yield return master;
        foreach (var change in item.Overrides.Where(o => !o.Skipped).OrderBy(o => o.OriginalStart))
        {
            var instance = Describe(new CalendarEvent(), e, change.Title ?? e.Title, change.Amount ?? e.Amount,
                change.Status ?? e.Status, null, item.Revision + change.Revision, Max(e.UpdatedAt, change.UpdatedAt));
            var start = change.Start ?? change.OriginalStart;
            instance.RecurrenceIdentifier = new RecurrenceIdentifier(times.At(change.OriginalStart), null);
            instance.DtStart = times.At(start);
            instance.DtEnd = times.AllDay
                ? new CalDateTime(instance.DtStart.Date.AddDays(Math.Max(1, master.DtEnd!.Date.DayNumber - master.DtStart!.Date.DayNumber)))
                : times.At(change.End ?? start + duration);
            yield return instance;
        }
    }

    private static CalendarEvent Describe(CalendarEvent target, FinancialEvent e, string title, decimal amount, EventStatus status,
        string? note, long sequence, DateTimeOffset changedAt)
    {
        var changed = new CalDateTime(changedAt.UtcDateTime, CalDateTime.UtcTzId);
        target.Uid = e.Id.ToString("D");
        target.Sequence = (int)Math.Min(sequence, int.MaxValue);
        target.DtStamp = changed;
        target.LastModified = changed;
        target.Created = new CalDateTime(e.CreatedAt.UtcDateTime, CalDateTime.UtcTzId);
        target.Summary = FeedEventText.Summary(title, e.EventType, amount, e.Currency, status);
        target.Description = FeedEventText.Description(e, amount, status, note);
        foreach (var category in FeedEventText.Categories(e))
        {
            target.Categories.Add(category);
        }

        if (!string.IsNullOrWhiteSpace(e.Location)) target.Location = e.Location;
        target.Status = status == EventStatus.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed;
        // A bill does not make its owner busy.
        target.Transparency = "TRANSPARENT";
        return target;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
