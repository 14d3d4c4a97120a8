using System.Globalization;
using Ical.Net.DataTypes;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>A series' recurrence lines as kept on the event (Google's <c>recurrence[]</c> form, no DTSTART, one line
/// each): at most one RRULE, any number of EXDATE and RDATE lines with DATE, floating, UTC or TZID values. Floating
/// values are in the series' zone. The wallet model holds one RRULE line today; EXDATE/RDATE are read already.</summary>
internal sealed record SeriesRules(RecurrenceRule? Rule, IReadOnlyList<CalDateTime> ExceptionDates, IReadOnlyList<CalDateTime> RecurrenceDates)
{
    public static readonly SeriesRules None = new(null, [], []);

    public bool Recurs => Rule is not null || RecurrenceDates.Count > 0;

    /// <summary>Null or blank text is no recurrence. Throws <see cref="FormatException"/> on a line that is none of
    /// RRULE/EXDATE/RDATE, a second RRULE, a rule Ical.Net cannot read or a malformed date.</summary>
    public static SeriesRules Parse(string? lines, string zoneId)
    {
        if (string.IsNullOrWhiteSpace(lines)) return None;
        RecurrenceRule? rule = null;
        var exceptions = new List<CalDateTime>();
        var additions = new List<CalDateTime>();
        foreach (var raw in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"'{raw}' is not a recurrence line.");
            var head = raw[..colon].Split(';');
            var value = raw[(colon + 1)..];
            switch (head[0].ToUpperInvariant())
            {
                case "RRULE" when rule is null:
                    rule = ParseRule(value);
                    break;
                case "EXDATE":
                    exceptions.AddRange(ParseDates(head, value, zoneId));
                    break;
                case "RDATE":
                    additions.AddRange(ParseDates(head, value, zoneId));
                    break;
                default:
                    throw new FormatException($"'{raw}' is not a supported recurrence line (one RRULE, EXDATE, RDATE).");
            }
        }

        return new SeriesRules(rule, exceptions, additions);
    }

    private static RecurrenceRule ParseRule(string value)
    {
        try
        {
            return new RecurrenceRule(value);
        }
        catch (Exception e) when (e is not FormatException)
        {
            throw new FormatException($"'RRULE:{value}' is not a valid rule: {e.Message}", e);
        }
    }

    private static IEnumerable<CalDateTime> ParseDates(string[] head, string values, string zoneId)
    {
        var tzid = head.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Equals("TZID", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1]).FirstOrDefault() ?? zoneId;
        foreach (var value in values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return value.Length switch
            {
                8 => new CalDateTime(ParseDate(value)),
                15 => new CalDateTime(ParseDate(value[..8]), ParseTime(value[9..]), tzid),
                16 when value.EndsWith('Z') => new CalDateTime(ParseDate(value[..8]), ParseTime(value[9..15]), CalDateTime.UtcTzId),
                _ => throw new FormatException($"'{value}' is not an iCalendar date or date-time."),
            };
        }
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static TimeOnly ParseTime(string text) =>
        TimeOnly.ParseExact(text, "HHmmss", CultureInfo.InvariantCulture);
}
