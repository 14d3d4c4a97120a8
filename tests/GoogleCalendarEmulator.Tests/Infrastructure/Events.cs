namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>Event bodies as a Google client would send them.</summary>
public static class Events
{
    public static object Timed(string summary, string start = "2026-12-01T09:00:00Z", string end = "2026-12-01T10:00:00Z", string? id = null) =>
        new Dictionary<string, object?>
        {
            ["id"] = id,
            ["summary"] = summary,
            ["start"] = new { dateTime = start },
            ["end"] = new { dateTime = end },
        }.Where(kv => kv.Value is not null).ToDictionary();
}
