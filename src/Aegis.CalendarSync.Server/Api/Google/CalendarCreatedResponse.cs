namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Answer of <c>POST /api/google/calendars</c>: the new calendar (now selected) and how many synced events
/// were brought over from the previous calendar (moved with events.move, or re-created where Google would not move one).</summary>
public sealed record CalendarCreatedResponse(GoogleCalendarResponse Calendar, int EventsMoved);
