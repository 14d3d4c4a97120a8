using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Ical.Net.DataTypes;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>An event's times as iCalendar values in its IANA zone: all-day events as DATE values (the due date and
/// the exclusive end date, at least one day later), timed events as local date-times with the zone's TZID (UTC
/// values when the zone is UTC or unknown on this machine), so a series keeps its wall-clock time across DST.</summary>
internal sealed class EventTimes
{
    private EventTimes(TimeZoneInfo zone, string zoneId, bool allDay)
    {
        Zone = zone;
        ZoneId = zoneId;
        AllDay = allDay;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The TZID written (the event's IANA id, or "UTC").</summary>
    public string ZoneId { get; }

    public bool AllDay { get; }

    /// <summary>True when timed values carry a TZID that needs a VTIMEZONE.</summary>
    public bool NeedsTimeZone => !AllDay && ZoneId != CalDateTime.UtcTzId;

    public static EventTimes For(FinancialEvent e)
    {
        var zone = ZonedDates.Find(e.TimeZone);
        return zone is null || zone.Id is "UTC" or "Etc/UTC"
            ? new EventTimes(TimeZoneInfo.Utc, CalDateTime.UtcTzId, e.AllDay)
            : new EventTimes(zone, e.TimeZone, e.AllDay);
    }

    public CalDateTime Start(FinancialEvent e) => At(e.StartAt);

    public CalDateTime End(FinancialEvent e)
    {
        if (!AllDay) return At(e.EndAt < e.StartAt ? e.StartAt : e.EndAt);
        var start = ZonedDates.LocalDate(e.StartAt, Zone);
        var end = ZonedDates.ExclusiveEndDate(e.EndAt, Zone);
        return new CalDateTime(end > start ? end : start.AddDays(1));
    }

    /// <summary>The instant as this event's kind of value: its local date (all-day) or local date-time.</summary>
    public CalDateTime At(DateTimeOffset instant)
    {
        if (AllDay) return new CalDateTime(ZonedDates.LocalDate(instant, Zone));
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        return new CalDateTime(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), ZoneId);
    }

    /// <summary>Back to an instant: a DATE is the start of that day in the event's zone.</summary>
    public DateTimeOffset ToInstant(CalDateTime value) =>
        value.HasTime ? new DateTimeOffset(value.AsUtc, TimeSpan.Zero) : ZonedDates.StartOfDay(value.Date, Zone);
}
