namespace Aegis.CalendarSync.Server.Components.Events;

/// <summary>The time-zone picker's options: every IANA zone of the host (TimeZoneInfo's ids are IANA ids on Linux and,
/// with ICU, on Windows too), sorted by id, each labelled with the offset the zone actually has at a given local wall
/// time (the event's date and time), daylight saving included: Europe/Dublin is "UTC" on a January day and
/// "UTC+01:00" on a July day. Never the zone's <see cref="TimeZoneInfo.BaseUtcOffset"/>, which for a zone with
/// negative DST (Dublin's standard time is its summer time) is not the winter offset.</summary>
public static class TimeZoneChoices
{
    public sealed record Choice(string Id, string Label);

    private static readonly Lazy<IReadOnlyList<TimeZoneInfo>> Zones = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>()
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Select(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null)
        .OfType<TimeZoneInfo>()
        .OrderBy(z => z.Id, StringComparer.Ordinal)
        .ToList());

    /// <summary>The list labelled at the local wall time <paramref name="localAt"/> (its kind is ignored), with
    /// <paramref name="current"/> added when the host does not know it (an event stored with a zone this host lacks
    /// keeps it rather than silently changing).</summary>
    public static IReadOnlyList<Choice> For(string? current, DateTime localAt)
    {
        var wall = DateTime.SpecifyKind(localAt, DateTimeKind.Unspecified);
        var all = Zones.Value.Select(z => new Choice(z.Id, ZoneOffsetText.Label(z.Id, z.GetUtcOffset(wall)))).ToList();
        return string.IsNullOrEmpty(current) || all.Any(c => c.Id == current) ? all : [new Choice(current, current), .. all];
    }
}
