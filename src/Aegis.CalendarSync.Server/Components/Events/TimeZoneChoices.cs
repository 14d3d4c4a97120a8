namespace Aegis.CalendarSync.Server.Components.Events;

/// <summary>The time-zone picker's options: every IANA zone of the host (TimeZoneInfo's ids are IANA ids on Linux and,
/// with ICU, on Windows too), sorted by id, labelled with the zone's standard offset.</summary>
public static class TimeZoneChoices
{
    public sealed record Choice(string Id, string Label);

    private static readonly Lazy<IReadOnlyList<Choice>> All = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>()
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Select(id => new Choice(id, Label(id)))
        .OrderBy(c => c.Id, StringComparer.Ordinal)
        .ToList());

    /// <summary>The list, with <paramref name="current"/> added when the host does not know it (an event stored with a
    /// zone this host lacks keeps it rather than silently changing).</summary>
    public static IReadOnlyList<Choice> For(string? current) =>
        string.IsNullOrEmpty(current) || All.Value.Any(c => c.Id == current) ? All.Value : [new Choice(current, current), .. All.Value];

    private static string Label(string id)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return id;
        var offset = zone.BaseUtcOffset;
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        return offset == TimeSpan.Zero ? $"{id} (UTC)" : $"{id} (UTC{sign}{offset.Duration():hh\\:mm})";
    }
}
