using System.Globalization;
using System.Text;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>
/// The original starts a series' recurrence lines generate, expanded with Ical.Net from a DTSTART built as Google
/// builds it: <c>VALUE=DATE</c> for date-based series (all-day events and bills, which Google shows on a date) and
/// the local time in the series' zone for timed series (so 09:00 Europe/Lisbon stays 09:00 across DST). A date-based
/// occurrence starts at the series' local time of day on its date, so the first occurrence is the series' start.
/// </summary>
public static class SeriesExpansion
{
    /// <summary>How far an unbounded series is expanded, and at most how many occurrences, per call.</summary>
    public const int MaxOccurrences = 5000;

    private static readonly EvaluationOptions Evaluation = new() { MaxUnmatchedIncrementsLimit = 5_000 };

    /// <summary>True when Google shows the series on dates (<c>start.date</c>), as the mapper writes it.</summary>
    public static bool IsDateBased(FinancialEvent series) => series.AllDay || series.EventType == EventType.Bill;

    /// <summary>One generated occurrence: its original start and whether an EXDATE/EXRULE excludes it.</summary>
    public readonly record struct Generated(DateTimeOffset OriginalStart, bool Excluded);

    /// <summary>Original starts before <paramref name="until"/> (RRULE and RDATE), in order, each marked when an
    /// EXDATE or EXRULE removes it. A series without recurrence lines generates only its start.</summary>
    public static IEnumerable<Generated> OriginalStarts(FinancialEvent series, DateTimeOffset until)
    {
        var lines = RecurrenceLines.Split(series.Recurrence);
        if (!RecurrenceLines.IsRecurring(series.Recurrence))
        {
            return series.StartAt < until ? [new Generated(series.StartAt, false)] : [];
        }

        var included = lines.Where(l => !IsExclusion(l)).ToList();
        var kept = Expand(series, lines).TakeWhile(s => s < until).ToHashSet();
        return Expand(series, included).TakeWhile(s => s < until).Select(s => new Generated(s, !kept.Contains(s)));
    }

    /// <summary>True when <paramref name="originalStart"/> is an occurrence the series generates (excluded or not).</summary>
    public static bool Generates(FinancialEvent series, DateTimeOffset originalStart) =>
        OriginalStarts(series, originalStart.AddTicks(1)).Any(g => g.OriginalStart == originalStart);

    /// <summary>The original start of a date-based series' occurrence on <paramref name="date"/>.</summary>
    public static DateTimeOffset OnDate(FinancialEvent series, DateOnly date)
    {
        var zone = Zone(series);
        var timeOfDay = TimeZoneInfo.ConvertTime(series.StartAt, zone).TimeOfDay;
        var local = date.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay), DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return SqlTime(new DateTimeOffset(local, zone.GetUtcOffset(local)));
    }

    internal static bool TryExpandSample(IReadOnlyList<string> lines)
    {
        var sample = new FinancialEvent
        {
            Id = Guid.Empty, UserId = Guid.Empty, Title = "sample", Currency = "EUR",
            StartAt = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero), EndAt = new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero),
        };
        try
        {
            _ = Expand(sample, lines).Take(2).ToList();
            _ = Expand(sample with { AllDay = true }, lines).Take(2).ToList();
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException or EvaluationException)
        {
            return false;
        }
    }

    private static IEnumerable<DateTimeOffset> Expand(FinancialEvent series, IReadOnlyList<string> lines)
    {
        var zone = Zone(series);
        var dateBased = IsDateBased(series);
        var calendar = Ical.Net.Calendar.Load(Ics(series, lines, zone, dateBased))
            ?? throw new InvalidOperationException("Ical.Net returned no calendar for a generated VEVENT.");
        var occurrences = Guarded(calendar.Events.First().GetOccurrences(null, Evaluation)).Take(MaxOccurrences);
        foreach (var occurrence in occurrences)
        {
            yield return dateBased
                ? OnDate(series, occurrence.Period.StartTime.Date)
                : SqlTime(new DateTimeOffset(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc)));
        }
    }

    /// <summary>Ends the sequence where Ical.Net gives up looking for a next match (e.g. 30 February).</summary>
    private static IEnumerable<Ical.Net.DataTypes.Occurrence> Guarded(IEnumerable<Ical.Net.DataTypes.Occurrence> occurrences)
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

    private static string Ics(FinancialEvent series, IReadOnlyList<string> lines, TimeZoneInfo zone, bool dateBased)
    {
        var local = TimeZoneInfo.ConvertTime(series.StartAt, zone);
        var dtStart = dateBased
            ? "DTSTART;VALUE=DATE:" + local.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : $"DTSTART;TZID={zone.Id}:{local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
        var ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aegis//EN\r\nBEGIN:VEVENT\r\nUID:series\r\n");
        ics.Append(dtStart).Append("\r\n");
        foreach (var line in lines)
        {
            ics.Append(line).Append("\r\n");
        }

        return ics.Append("END:VEVENT\r\nEND:VCALENDAR\r\n").ToString();
    }

    private static bool IsExclusion(string line) =>
        line.StartsWith("EXDATE", StringComparison.OrdinalIgnoreCase) || line.StartsWith("EXRULE", StringComparison.OrdinalIgnoreCase);

    private static TimeZoneInfo Zone(FinancialEvent series) => ZonedDates.Find(series.TimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>The precision the stores keep (microseconds, UTC), so an expanded start equals a stored key.</summary>
    private static DateTimeOffset SqlTime(DateTimeOffset time) => Store.Data.SqlDialect.Normalize(time);
}
