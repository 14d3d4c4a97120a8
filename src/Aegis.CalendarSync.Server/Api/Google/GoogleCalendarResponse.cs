using Aegis.CalendarSync.Connection;

namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>A calendar of the connected account that sync may target.</summary>
public sealed record GoogleCalendarResponse(string Id, string Summary, bool Primary, string AccessRole, string? TimeZone, bool Selected)
{
    public static GoogleCalendarResponse From(SyncableCalendar c) => new(c.Id, c.Summary, c.Primary, c.AccessRole, c.TimeZone, c.Selected);
}
