namespace Aegis.CalendarSync.Mapping;

/// <summary>Calendar-date arithmetic in an IANA zone.</summary>
public static class ZonedDates
{
    /// <summary>The zone for <paramref name="ianaId"/>, or null when the id is unknown on this machine.</summary>
    public static TimeZoneInfo? Find(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : null;
    }

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>First date not covered by an event ending (exclusively) at <paramref name="end"/>: the end's local
    /// date, or the next one when the end is not at local midnight.</summary>
    public static DateOnly ExclusiveEndDate(DateTimeOffset end, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(end, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        return local.TimeOfDay == TimeSpan.Zero ? date : date.AddDays(1);
    }

    /// <summary>The instant the local day starts. Where a DST jump skips midnight (e.g. America/Santiago), the day
    /// starts at the first existing local time after it.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
