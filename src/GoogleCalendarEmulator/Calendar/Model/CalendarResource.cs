namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>calendar#calendar.</summary>
public sealed class CalendarResource
{
    public string Kind { get; init; } = "calendar#calendar";
    public required string Etag { get; init; }
    public required string Id { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    public required string TimeZone { get; init; }
}
