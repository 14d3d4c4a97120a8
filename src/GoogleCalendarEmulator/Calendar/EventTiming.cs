using System.Globalization;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>Turns start/end into instants: all-day dates at midnight of their time zone, local date-times through their IANA zone.</summary>
internal static class EventTiming
{
    public static DateTimeOffset Resolve(EventDateTime? value, string which, string calendarTimeZone)
    {
        if (value is null || (value.Date is null && value.DateTime is null))
        {
            throw GoogleErrors.Required($"Missing {which} time.");
        }

        if (value.Date is not null && value.DateTime is not null)
        {
            throw GoogleErrors.BadRequest($"Invalid {which} time.");
        }

        if (value.Date is not null)
        {
            if (!DateOnly.TryParseExact(value.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw GoogleErrors.BadRequest($"Invalid {which} time.");
            }

            return InZone(date.ToDateTime(TimeOnly.MinValue), value.TimeZone ?? calendarTimeZone, which);
        }

        if (RfcTime.TryParseWithOffset(value.DateTime, out var instant))
        {
            ZoneOrThrow(value.TimeZone, which);
            return instant;
        }

        if (value.TimeZone is null)
        {
            throw GoogleErrors.BadRequest($"Missing time zone definition for {which} time.");
        }

        if (!DateTime.TryParseExact(value.DateTime, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw GoogleErrors.BadRequest($"Invalid {which} time.");
        }

        return InZone(local, value.TimeZone, which);
    }

    private static DateTimeOffset InZone(DateTime local, string timeZone, string which)
    {
        var zone = ZoneOrThrow(timeZone, which)!;
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
    }

    private static TimeZoneInfo? ZoneOrThrow(string? timeZone, string which)
    {
        if (timeZone is null)
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? zone
            : throw GoogleErrors.BadRequest($"Invalid time zone definition for {which} time.");
    }
}
