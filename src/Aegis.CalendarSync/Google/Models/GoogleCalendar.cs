namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>Calendar</c> resource (calendars.get).</summary>
public sealed record GoogleCalendar
{
    public string? Kind { get; init; }
    public string? Etag { get; init; }
    public string? Id { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    public string? TimeZone { get; init; }
}
