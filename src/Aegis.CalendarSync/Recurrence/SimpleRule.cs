using System.Globalization;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>The recurrence editor's choices (none / weekly / monthly on the start's day or on the last day / yearly;
/// never ending, until a date or N times) and the RRULE line they stand for. The day of week, of month and the month
/// come from the series' start (DTSTART), as in Google's editor. A rule outside these choices is
/// <see cref="RepeatFrequency.Custom"/> and is kept verbatim.</summary>
public sealed record SimpleRule(RepeatFrequency Frequency, bool LastDayOfMonth = false, DateOnly? Until = null, int? Count = null)
{
    public const int MaxCount = 1000;

    /// <summary>The RRULE line; null for <see cref="RepeatFrequency.None"/>. A timed series' UNTIL is the end of that
    /// day in UTC (RFC 5545 wants UTC there); a date-based series' UNTIL is the DATE.</summary>
    public string? ToLine(bool dateBased)
    {
        var frequency = Frequency switch
        {
            RepeatFrequency.None => null,
            RepeatFrequency.Weekly => "FREQ=WEEKLY",
            RepeatFrequency.Monthly => LastDayOfMonth ? "FREQ=MONTHLY;BYMONTHDAY=-1" : "FREQ=MONTHLY",
            RepeatFrequency.Yearly => "FREQ=YEARLY",
            _ => throw new InvalidOperationException("A custom rule is kept as written, not built."),
        };
        if (frequency is null)
        {
            return null;
        }

        var end = (Until, Count) switch
        {
            ({ } until, _) => ";UNTIL=" + until.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (dateBased ? "" : "T235959Z"),
            (_, { } count) => ";COUNT=" + count.ToString(CultureInfo.InvariantCulture),
            _ => "",
        };
        return "RRULE:" + frequency + end;
    }

    /// <summary>The editor's view of an RRULE line: <see cref="RepeatFrequency.None"/> for none,
    /// <see cref="RepeatFrequency.Custom"/> for anything the editor cannot show exactly.</summary>
    public static SimpleRule Parse(string? rruleLine)
    {
        if (string.IsNullOrWhiteSpace(rruleLine))
        {
            return new SimpleRule(RepeatFrequency.None);
        }

        var custom = new SimpleRule(RepeatFrequency.Custom);
        if (!rruleLine.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            return custom;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in rruleLine[6..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !parts.TryAdd(pair[0].Trim(), pair[1].Trim()))
            {
                return custom;
            }
        }

        var frequency = parts.Remove("FREQ", out var f) ? f.ToUpperInvariant() : null;
        var lastDay = parts.Remove("BYMONTHDAY", out var day) && day == "-1";
        if (day is not null && !lastDay)
        {
            return custom;
        }

        DateOnly? until = null;
        if (parts.Remove("UNTIL", out var u))
        {
            if (u.Length < 8 || !DateOnly.TryParseExact(u[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return custom;
            }

            until = date;
        }

        int? count = null;
        if (parts.Remove("COUNT", out var c))
        {
            if (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxCount)
            {
                return custom;
            }

            count = n;
        }

        if (parts.Count > 0 || (until is not null && count is not null))
        {
            return custom;
        }

        return (frequency, lastDay) switch
        {
            ("WEEKLY", false) => new SimpleRule(RepeatFrequency.Weekly, false, until, count),
            ("MONTHLY", _) => new SimpleRule(RepeatFrequency.Monthly, lastDay, until, count),
            ("YEARLY", false) => new SimpleRule(RepeatFrequency.Yearly, false, until, count),
            _ => custom,
        };
    }
}
