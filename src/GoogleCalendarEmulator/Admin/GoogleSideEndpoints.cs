using GoogleCalendarEmulator.Calendar;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GoogleCalendarEmulator.Admin;

/// <summary>The "Google side" page (GET /emulator/ui) and the admin reads it uses: an account's calendars, its events
/// (single events and series, not cancelled) and a series' instances. Reads count no API call; the page changes
/// events through the person routes of <see cref="AdminEndpoints"/>.</summary>
internal static class GoogleSideEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/ui", (EmulatorState s) => Results.Content(GoogleSidePage.Html(s.Options.DefaultAccountEmail), "text/html; charset=utf-8"));
        admin.MapGet("/accounts/{email}/calendars", (string email, EmulatorState s) =>
        {
            var account = s.GetOrCreateAccount(email);
            lock (account.Gate)
            {
                return Json(account.Calendars.Values.Where(c => !c.List.Deleted)
                    .OrderByDescending(c => c.Primary).ThenBy(c => c.Summary, StringComparer.OrdinalIgnoreCase)
                    .Select(CalendarApiEndpoints.ToResource).ToList());
            }
        });
        admin.MapGet("/accounts/{email}/calendars/{calendarId}/events", (string email, string calendarId, EmulatorState s) =>
        {
            var account = s.GetOrCreateAccount(email);
            lock (account.Gate)
            {
                var calendar = EventService.Calendar(account, calendarId);
                return Json(new CalendarEventsView(calendar.TimeZone,
                    [.. calendar.Events.Values.Where(e => !e.IsCancelled && e.Resource.RecurringEventId is null)
                        .OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => GoogleJson.Clone(e.Resource))]));
            }
        });
        admin.MapGet("/accounts/{email}/calendars/{calendarId}/events/{eventId}/instances",
            (HttpRequest r, string email, string calendarId, string eventId, EmulatorState s, InstanceLister lister) =>
                Json(lister.List(s.GetOrCreateAccount(email), calendarId, eventId, InstancesQuery.Parse(r.Query))));
    }

    private static IResult Json<T>(T value) => Results.Json(value, GoogleJson.Options);
}
