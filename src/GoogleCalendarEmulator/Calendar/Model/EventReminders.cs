namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>reminders: the calendar defaults or up to five overrides.</summary>
public sealed class EventReminders
{
    public bool? UseDefault { get; set; }
    public List<EventReminder>? Overrides { get; set; }
}

public sealed class EventReminder
{
    public string? Method { get; set; }
    public int? Minutes { get; set; }
}
