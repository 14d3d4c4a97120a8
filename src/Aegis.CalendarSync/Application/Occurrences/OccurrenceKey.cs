using System.Globalization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Application.Occurrences;

/// <summary>An occurrence named in a URL: its original start as RFC 3339 (with offset or Z), or, for a series shown on
/// dates (all-day events and bills), its original date <c>yyyy-MM-dd</c>.</summary>
public static class OccurrenceKey
{
    public static DateTimeOffset? Parse(FinancialEvent series, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (SeriesExpansion.IsDateBased(series)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return SeriesExpansion.OnDate(series, date);
        }

        return text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            && (text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            ? Store.Data.SqlDialect.Normalize(instant)
            : null;
    }

    /// <summary>The form <see cref="Parse"/> reads back: a date for date-based series, else UTC RFC 3339.</summary>
    public static string Format(FinancialEvent series, DateTimeOffset originalStart) =>
        SeriesExpansion.IsDateBased(series)
            ? Mapping.ZonedDates.LocalDate(originalStart, Mapping.ZonedDates.Find(series.TimeZone) ?? TimeZoneInfo.Utc)
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : originalStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
