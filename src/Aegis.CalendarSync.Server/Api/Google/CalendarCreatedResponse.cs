namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Answer of <c>POST /api/google/calendars</c>: the new calendar (now selected) and how many synced events
/// were taken off the previous calendar (the queued full sync re-creates them on the new one).</summary>
public sealed record CalendarCreatedResponse(GoogleCalendarResponse Calendar, int EventsMoved);
