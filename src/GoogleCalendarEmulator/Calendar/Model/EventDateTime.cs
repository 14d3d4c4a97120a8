namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>start/end/originalStartTime: either an all-day <see cref="Date"/> or a <see cref="DateTime"/> with optional IANA <see cref="TimeZone"/>.</summary>
public sealed class EventDateTime
{
    public string? Date { get; set; }
    public string? DateTime { get; set; }
    public string? TimeZone { get; set; }
}
