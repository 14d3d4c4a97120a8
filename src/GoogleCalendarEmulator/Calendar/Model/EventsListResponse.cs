namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>calendar#events: one page of events.list.</summary>
public sealed class EventsListResponse
{
    public string Kind { get; init; } = "calendar#events";
    public required string Etag { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public required string Updated { get; init; }
    public required string TimeZone { get; init; }
    public string AccessRole { get; init; } = "owner";
    public required IReadOnlyList<EventReminder> DefaultReminders { get; init; }
    public string? NextPageToken { get; init; }
    public string? NextSyncToken { get; init; }
    public required IReadOnlyList<CalendarEvent> Items { get; init; }
}
