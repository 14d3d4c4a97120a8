using System.Globalization;

namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>
/// Google's instance ids: <c>{masterId}_{yyyyMMdd'T'HHmmss'Z'}</c> (original start in UTC) for timed series and
/// <c>{masterId}_{yyyyMMdd}</c> for all-day series. Generated ids never contain '_' (base32hex), so the last '_'
/// separates the master id from the original start.
/// </summary>
internal static class InstanceIds
{
    public static string For(string masterId, SeriesOccurrence occurrence) => $"{masterId}_{Suffix(occurrence)}";

    public static string Suffix(SeriesOccurrence occurrence) =>
        occurrence.Date is { } date
            ? date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : occurrence.Start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Splits an id of the instance form into its master id; false for any other id.</summary>
    public static bool TryGetMasterId(string id, out string masterId)
    {
        var separator = id.LastIndexOf('_');
        masterId = separator > 0 ? id[..separator] : string.Empty;
        return separator > 0 && separator < id.Length - 1;
    }
}
