namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>reminders</c>: the calendar's defaults or up to 5 overrides.</summary>
public sealed record EventReminders
{
    public bool? UseDefault { get; init; }
    public IReadOnlyList<EventReminder>? Overrides { get; init; }
}

/// <summary>One reminder override: <c>method</c> is "email" or "popup"; minutes 0..40320 before the start.</summary>
public sealed record EventReminder
{
    public string? Method { get; init; }
    public int? Minutes { get; init; }
}
