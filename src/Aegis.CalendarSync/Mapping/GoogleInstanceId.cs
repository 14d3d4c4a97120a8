using System.Globalization;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Google's ids of a series' instances: <c>{masterId}_{yyyyMMdd'T'HHmmss'Z'}</c> (original start in UTC)
/// for a timed series, <c>{masterId}_{yyyyMMdd}</c> (original local date) for a date-based one; and the wallet's
/// original start for Google's <c>originalStartTime</c>.</summary>
public static class GoogleInstanceId
{
    public static string For(string masterGoogleId, FinancialEvent series, DateTimeOffset originalStart) =>
        $"{masterGoogleId}_{Suffix(series, originalStart)}";

    public static EventDateTime OriginalStartTime(FinancialEvent series, DateTimeOffset originalStart) =>
        SeriesExpansion.IsDateBased(series)
            ? new EventDateTime { Date = LocalDate(series, originalStart) }
            : new EventDateTime { DateTime = originalStart, TimeZone = series.TimeZone };

    /// <summary>The wallet's key for Google's <c>originalStartTime</c>; null when it has neither date nor dateTime,
    /// or its kind does not match the series (a timed value on a date-based series, or the reverse).</summary>
    public static DateTimeOffset? OriginalStart(FinancialEvent series, EventDateTime? originalStartTime)
    {
        if (SeriesExpansion.IsDateBased(series))
        {
            return originalStartTime?.Date is { } date ? SeriesExpansion.OnDate(series, date) : null;
        }

        return originalStartTime?.DateTime is { } instant ? Store.Data.SqlDialect.Normalize(instant) : null;
    }

    private static string Suffix(FinancialEvent series, DateTimeOffset originalStart) =>
        SeriesExpansion.IsDateBased(series)
            ? LocalDate(series, originalStart).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : originalStart.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static DateOnly LocalDate(FinancialEvent series, DateTimeOffset instant) =>
        ZonedDates.LocalDate(instant, ZonedDates.Find(series.TimeZone) ?? TimeZoneInfo.Utc);
}
