using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.Errors;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>Input rules Google enforces on insert/update/patch bodies.</summary>
internal static class EventValidator
{
    private static readonly string[] Statuses = ["confirmed", "tentative", "cancelled"];
    private static readonly string[] Transparencies = ["opaque", "transparent"];
    private static readonly string[] Visibilities = ["default", "public", "private", "confidential"];

    /// <summary>Client-chosen ids: base32hex (a–v, 0–9), 5 to 1024 characters.</summary>
    public static bool IsValidId(string id) =>
        id.Length is >= 5 and <= 1024 && id.All(c => c is >= 'a' and <= 'v' or >= '0' and <= '9');

    /// <summary>Validates the body and returns the resolved [start, end) instants.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Validate(CalendarEvent ev, string calendarTimeZone)
    {
        RequireOneOf(ev.Status, Statuses);
        RequireOneOf(ev.Transparency, Transparencies);
        RequireOneOf(ev.Visibility, Visibilities);
        if (ev.Reminders?.Overrides is { Count: > 5 })
        {
            throw GoogleErrors.Invalid("Too many reminder overrides.");
        }

        var start = EventTiming.Resolve(ev.Start, "start", calendarTimeZone);
        var end = EventTiming.Resolve(ev.End, "end", calendarTimeZone);
        if (RecurrenceRules.IsRecurring(ev))
        {
            // Google needs the zone to expand a timed rule (an all-day series has no time to place).
            if (ev.Start!.DateTime is not null && ev.Start.TimeZone is null)
            {
                throw GoogleErrors.Required("Missing time zone definition for start time.");
            }

            RecurrenceRules.Validate(ev.Recurrence!);
        }

        if (end < start)
        {
            throw GoogleErrors.TimeRangeEmpty();
        }

        return (start, end);
    }

    private static void RequireOneOf(string? value, string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw GoogleErrors.Invalid();
        }
    }
}
