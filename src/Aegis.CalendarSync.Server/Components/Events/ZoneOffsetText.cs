namespace Aegis.CalendarSync.Server.Components.Events;

/// <summary>How the pages write a zone with its offset: "Europe/Berlin (UTC+01:00)", "America/New_York (UTC−05:00)"
/// (a true minus sign), "Europe/London (UTC)". The offset is the caller's: the one the zone has at the moment the
/// label is about, never its base offset.</summary>
public static class ZoneOffsetText
{
    public static string Label(string id, TimeSpan offset) =>
        offset == TimeSpan.Zero ? $"{id} (UTC)" : $"{id} (UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset.Duration():hh\\:mm})";
}
