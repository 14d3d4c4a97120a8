namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Body of <c>POST /api/google/calendars</c>: a dedicated calendar to create and sync to.</summary>
public sealed record CreateCalendarRequest(string? Summary, string? TimeZone);
