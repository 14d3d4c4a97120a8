using System.Globalization;

namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>
/// The two recurrences of a "this and following" split at <c>target</c>, as Google's UI writes them: the original
/// RRULE loses COUNT/UNTIL and ends with <c>UNTIL</c> one second before the target (the day before for an all-day
/// series, a DATE as RFC 5545 requires); the new series' RRULE keeps the original UNTIL, or the occurrences COUNT had
/// left. RDATE/EXDATE values go to the series whose range holds them; EXRULE lines are kept by both.
/// </summary>
internal static class SeriesSplitRules
{
    /// <param name="countBefore">Occurrences the RRULE gives before the target (what COUNT counts).</param>
    public static (List<string> Trimmed, List<string> Following) Split(IReadOnlyList<string> lines, SeriesOccurrence target, int countBefore,
        string seriesTimeZone)
    {
        var until = target.Date is { } date
            ? date.AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : target.Start.AddSeconds(-1).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(seriesTimeZone);
        var trimmed = new List<string>();
        var following = new List<string>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            var head = line[..colon];
            var value = line[(colon + 1)..];
            switch (head.Split(';')[0].ToUpperInvariant())
            {
                case "RRULE":
                    var parts = value.Split(';');
                    var kept = parts.Where(p => !IsPart(p, "COUNT") && !IsPart(p, "UNTIL")).ToList();
                    trimmed.Add($"{head}:{string.Join(';', kept.Append("UNTIL=" + until))}");
                    var count = parts.FirstOrDefault(p => IsPart(p, "COUNT"));
                    var end = count is not null
                        ? "COUNT=" + (int.Parse(count[6..], CultureInfo.InvariantCulture) - countBefore).ToString(CultureInfo.InvariantCulture)
                        : parts.FirstOrDefault(p => IsPart(p, "UNTIL"));
                    following.Add($"{head}:{string.Join(';', end is null ? kept : kept.Append(end))}");
                    break;
                case "RDATE" or "EXDATE":
                    var tzid = head.Split(';').FirstOrDefault(p => p.StartsWith("TZID=", StringComparison.OrdinalIgnoreCase))?[5..];
                    var values = value.Split(',');
                    var earlier = values.Where(v => Instant(v, tzid is null ? zone : TimeZoneInfo.FindSystemTimeZoneById(tzid)) < target.Start).ToList();
                    AddIfAny(trimmed, head, earlier);
                    AddIfAny(following, head, values.Except(earlier).ToList());
                    break;
                default:
                    trimmed.Add(line);
                    following.Add(line);
                    break;
            }
        }

        return (trimmed, following);
    }

    private static bool IsPart(string part, string name) => part.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase);

    private static void AddIfAny(List<string> lines, string head, List<string> values)
    {
        if (values.Count > 0)
        {
            lines.Add($"{head}:{string.Join(',', values)}");
        }
    }

    /// <summary>A DATE, UTC DATE-TIME or local DATE-TIME (in <paramref name="zone"/>) value; a PERIOD by its start.</summary>
    private static DateTimeOffset Instant(string value, TimeZoneInfo zone)
    {
        var start = value.Split('/')[0];
        if (start.EndsWith('Z'))
        {
            return new DateTimeOffset(DateTime.ParseExact(start, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
        }

        var local = start.Length == 8
            ? DateTime.ParseExact(start, "yyyyMMdd", CultureInfo.InvariantCulture)
            : DateTime.ParseExact(start, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
