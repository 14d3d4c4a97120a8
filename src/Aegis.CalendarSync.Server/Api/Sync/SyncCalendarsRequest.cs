namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>Body of <c>PUT /api/sync/calendars</c>: the whole routing. Every event type must be named by exactly one
/// entry; a calendar not listed (or listed with no event type and no import) is not synced.</summary>
public sealed record SyncCalendarsRequest(List<SyncCalendarRoute?>? Calendars);

/// <summary>One calendar of the routing: an existing one (<c>id</c>, "primary" or Google's id) or a new one to create
/// (<c>new_calendar_name</c>), the event types written to it and whether events a person adds there are imported.</summary>
public sealed record SyncCalendarRoute(string? Id, string? NewCalendarName, List<string?>? EventTypes, bool? ImportForeignEvents);
