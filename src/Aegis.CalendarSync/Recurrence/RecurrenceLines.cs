using System.Text.RegularExpressions;
using Ical.Net.DataTypes;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>The recurrence of a series as RFC 5545 lines (RRULE / EXRULE / RDATE / EXDATE, no DTSTART), kept
/// verbatim. <see cref="Model.FinancialEvent.Recurrence"/> stores them one per line ('\n'), in Google's order.</summary>
public static partial class RecurrenceLines
{
    /// <summary>Longest accepted recurrence text (all lines); Google documents no limit, this bounds a request.</summary>
    public const int MaxLength = 4000;

    private static readonly string[] Properties = ["RRULE", "EXRULE", "RDATE", "EXDATE"];

    /// <summary>The lines of a stored recurrence; empty for null/blank.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The stored form of <paramref name="lines"/>; null when there are none.</summary>
    public static string? Join(IEnumerable<string>? lines)
    {
        var list = lines?.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return list is { Count: > 0 } ? string.Join('\n', list) : null;
    }

    /// <summary>True when the text has an RRULE or RDATE line (it generates more than its first occurrence).</summary>
    public static bool IsRecurring(string? text) =>
        Split(text).Any(l => Name(l) is "RRULE" or "RDATE");

    /// <summary>Null when every line parses (RRULE/EXRULE with Ical.Net's <see cref="RecurrencePattern"/>, keeping
    /// any UNTIL/COUNT it was given; RDATE/EXDATE as date lists Ical.Net expands) and the whole set expands from a
    /// sample start; otherwise a message naming the first bad line.</summary>
    public static string? Validate(string? text)
    {
        if (text is { Length: > MaxLength })
        {
            return $"The repeat rule can be at most {MaxLength} characters long.";
        }

        var lines = Split(text);
        foreach (var line in lines)
        {
            var name = Name(line);
            if (name is null || !Properties.Contains(name))
            {
                return $"'{line}' is not an RRULE, EXRULE, RDATE or EXDATE line.";
            }

            if (name is "RRULE" or "EXRULE" && !IsValidRule(line[(line.IndexOf(':') + 1)..]))
            {
                return $"'{line}' is not a valid RFC 5545 recurrence rule.";
            }

            if (name is "RDATE" or "EXDATE" && !line[(line.IndexOf(':') + 1)..].Split(',').All(v => DateValue().IsMatch(v)))
            {
                return $"'{line}' is not a list of RFC 5545 dates.";
            }
        }

        if (lines.Count > 0 && !lines.Any(l => Name(l) is "RRULE" or "RDATE"))
        {
            return "A repeat rule needs an RRULE (or RDATE) line.";
        }

        return lines.Count == 0 || SeriesExpansion.TryExpandSample(lines) ? null : "The repeat rule's dates could not be worked out.";
    }

    private static string? Name(string line)
    {
        var colon = line.IndexOf(':');
        return colon <= 0 ? null : line[..colon].Split(';')[0].Trim().ToUpperInvariant();
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

    /// <summary>A DATE, DATE-TIME (local or UTC) or PERIOD value of RDATE/EXDATE (RFC 5545 §3.3.4, §3.3.5, §3.3.9).</summary>
    [GeneratedRegex(@"^\d{8}(T\d{6}Z?)?(/.+)?$")]
    private static partial Regex DateValue();
}
