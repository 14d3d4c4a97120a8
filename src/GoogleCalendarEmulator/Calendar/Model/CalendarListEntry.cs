namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>calendar#calendarListEntry.</summary>
public sealed class CalendarListEntry
{
    public string Kind { get; init; } = "calendar#calendarListEntry";
    public required string Etag { get; init; }
    public required string Id { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public required string TimeZone { get; init; }
    public string AccessRole { get; init; } = "owner";
    public string? SummaryOverride { get; init; }
    public bool? Primary { get; init; }
    public bool? Hidden { get; init; }
    public bool? Selected { get; init; }
    public bool? Deleted { get; init; }
    public required IReadOnlyList<EventReminder> DefaultReminders { get; init; }
}

/// <summary>calendar#calendarList.</summary>
public sealed class CalendarListResponse
{
    public string Kind { get; init; } = "calendar#calendarList";
    public required string Etag { get; init; }
    public string? NextPageToken { get; init; }
    public string? NextSyncToken { get; init; }
    public required IReadOnlyList<CalendarListEntry> Items { get; init; }
}
