namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>extendedProperties: private (this calendar's copy only) and shared string maps.</summary>
public sealed class EventExtendedProperties
{
    public Dictionary<string, string>? Private { get; set; }
    public Dictionary<string, string>? Shared { get; set; }
}
