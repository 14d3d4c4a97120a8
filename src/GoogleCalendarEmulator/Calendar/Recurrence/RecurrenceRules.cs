using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>
/// Expands a series' <c>recurrence[]</c> lines (RRULE / EXRULE / RDATE / EXDATE, kept verbatim) with Ical.Net, from a
/// DTSTART built from the master's <c>start</c>: <c>VALUE=DATE</c> for all-day series, the local time in
/// <c>start.timeZone</c> for timed series (so a 09:00 Europe/Paris series stays at 09:00 across DST, as Google keeps it).
/// Occurrences keep the master's duration (whole days for all-day series).
/// </summary>
internal static partial class RecurrenceRules
{
    private static readonly string[] Properties = ["RRULE", "EXRULE", "RDATE", "EXDATE"];

    /// <summary>A rule whose next match is further than this many increments away ends the expansion (e.g. 30 February).</summary>
    private static readonly EvaluationOptions Evaluation = new() { MaxUnmatchedIncrementsLimit = 5_000 };

    public static bool IsRecurring(CalendarEvent ev) => ev.Recurrence is { Count: > 0 };

    /// <summary>400 invalid "Invalid recurrence rule." for a line Google would refuse: unknown property, an RRULE
    /// Ical.Net cannot parse (or whose UNTIL/COUNT it had to drop), or a malformed date list.</summary>
    public static void Validate(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            if (!IsValidLine(line))
            {
                throw GoogleErrors.Invalid("Invalid recurrence rule.");
            }
        }
    }

    /// <summary>The occurrences of the series in start order, lazily; <paramref name="start"/>/<paramref name="end"/> are
    /// the master's resolved instants.</summary>
    public static IEnumerable<SeriesOccurrence> Expand(CalendarEvent master, DateTimeOffset start, DateTimeOffset end, string calendarTimeZone)
    {
        var allDay = master.Start?.Date is not null;
        var zoneId = master.Start?.TimeZone ?? calendarTimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var calendar = Ical.Net.Calendar.Load(Ics(master, start, zone, allDay))
            ?? throw new InvalidOperationException("Ical.Net returned no calendar for a generated VEVENT.");
        var occurrences = calendar.Events.First().GetOccurrences(null, Evaluation);
        return allDay
            ? AllDay(occurrences, zone, DayCount(master))
            : Timed(occurrences, end - start);
    }

    private static IEnumerable<SeriesOccurrence> AllDay(IEnumerable<Occurrence> occurrences, TimeZoneInfo zone, int days)
    {
        foreach (var occurrence in Guarded(occurrences))
        {
            var date = occurrence.Period.StartTime.Date;
            yield return new SeriesOccurrence(Midnight(date, zone), Midnight(date.AddDays(days), zone), date);
        }
    }

    private static IEnumerable<SeriesOccurrence> Timed(IEnumerable<Occurrence> occurrences, TimeSpan duration)
    {
        foreach (var occurrence in Guarded(occurrences))
        {
            var utc = new DateTimeOffset(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc));
            yield return new SeriesOccurrence(utc, utc + duration, null);
        }
    }

    /// <summary>Ends the sequence where Ical.Net gives up looking for a next match, instead of failing the request.</summary>
    private static IEnumerable<Occurrence> Guarded(IEnumerable<Occurrence> occurrences)
    {
        using var enumerator = occurrences.GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }
            }
            catch (EvaluationException)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    internal static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static int DayCount(CalendarEvent master)
    {
        var start = DateOnly.ParseExact(master.Start!.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = DateOnly.ParseExact(master.End!.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Math.Max(1, end.DayNumber - start.DayNumber);
    }

    private static string Ics(CalendarEvent master, DateTimeOffset start, TimeZoneInfo zone, bool allDay)
    {
        var dtStart = allDay
            ? "DTSTART;VALUE=DATE:" + master.Start!.Date!.Replace("-", "", StringComparison.Ordinal)
            : $"DTSTART;TZID={zone.Id}:{TimeZoneInfo.ConvertTime(start, zone).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
        var ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GoogleCalendarEmulator//EN\r\nBEGIN:VEVENT\r\nUID:series\r\n");
        ics.Append(dtStart).Append("\r\n");
        foreach (var line in master.Recurrence!)
        {
            ics.Append(line).Append("\r\n");
        }

        return ics.Append("END:VEVENT\r\nEND:VCALENDAR\r\n").ToString();
    }

    private static bool IsValidLine(string line)
    {
        if (line.Contains('\r') || line.Contains('\n'))
        {
            return false;
        }

        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var head = line[..colon];
        var value = line[(colon + 1)..];
        var name = head.Split(';')[0].ToUpperInvariant();
        if (!Properties.Contains(name))
        {
            return false;
        }

        return name is "RRULE" or "EXRULE" ? IsValidRule(value) : value.Split(',').All(v => DateValue().IsMatch(v));
    }

    private static bool IsValidRule(string value)
    {
        try
        {
            var pattern = new RecurrencePattern(value);
            var upper = value.ToUpperInvariant();
            return (!upper.Contains("UNTIL=", StringComparison.Ordinal) || pattern.Until is not null)
                && (!upper.Contains("COUNT=", StringComparison.Ordinal) || pattern.Count is not null);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>A DATE, DATE-TIME (local or UTC) or PERIOD value of RDATE/EXDATE.</summary>
    [GeneratedRegex(@"^\d{8}(T\d{6}Z?)?(/.+)?$")]
    private static partial Regex DateValue();
}
