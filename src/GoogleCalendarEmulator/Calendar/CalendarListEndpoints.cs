using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>calendarList routes under /calendar/v3/users/me/calendarList: list (paging, sync), get, patch (the
/// account's own settings: hidden, selected, summaryOverride) and delete (removes the entry from the list; the calendar
/// and its events stay). Every change to an entry takes the next account calendar-list sequence, which sync tokens compare.</summary>
internal static class CalendarListEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/users/me/calendarList", List).WithMetadata(CalendarApiEndpoints.Op("calendarList.list"));
        api.MapGet("/users/me/calendarList/{calendarId}", Get).WithMetadata(CalendarApiEndpoints.Op("calendarList.get"));
        api.MapPatch("/users/me/calendarList/{calendarId}", PatchAsync).WithMetadata(CalendarApiEndpoints.Op("calendarList.patch"));
        api.MapDelete("/users/me/calendarList/{calendarId}", Delete).WithMetadata(CalendarApiEndpoints.Op("calendarList.delete"));
    }

    private static IResult List(HttpContext http, CalendarLister lister) =>
        CalendarApiEndpoints.Json(lister.List(ApiContext.Account(http), CalendarListQuery.Parse(http.Request.Query)));

    private static IResult Get(HttpContext http, string calendarId)
    {
        var account = ApiContext.Account(http);
        lock (account.Gate)
        {
            return CalendarApiEndpoints.Json(CalendarLister.Entry(Listed(account, calendarId)));
        }
    }

    private static async Task<IResult> PatchAsync(HttpContext http, string calendarId, CancellationToken ct)
    {
        var patch = await JsonBody.ReadAsync<CalendarListPatch>(http.Request, ct);
        var account = ApiContext.Account(http);
        lock (account.Gate)
        {
            var calendar = Listed(account, calendarId);
            calendar.List.Hidden = patch.Hidden ?? calendar.List.Hidden;
            calendar.List.Selected = patch.Selected ?? calendar.List.Selected;
            calendar.List.SummaryOverride = patch.SummaryOverride ?? calendar.List.SummaryOverride;
            calendar.List.ChangeSequence = account.NextCalendarListChange();
            return CalendarApiEndpoints.Json(CalendarLister.Entry(calendar));
        }
    }

    private static IResult Delete(HttpContext http, string calendarId)
    {
        var account = ApiContext.Account(http);
        lock (account.Gate)
        {
            var calendar = Listed(account, calendarId);
            if (calendar.Primary)
            {
                throw GoogleErrors.Invalid("The primary calendar cannot be removed from the calendar list.");
            }

            calendar.List.Deleted = true;
            calendar.List.ChangeSequence = account.NextCalendarListChange();
            return Results.NoContent();
        }
    }

    /// <summary>The entry of a calendar still on the account's list; 404 for unknown or removed ones.</summary>
    private static CalendarData Listed(Account account, string calendarId) =>
        account.FindCalendar(calendarId) is { List.Deleted: false } calendar ? calendar : throw GoogleErrors.NotFound();

    private sealed record CalendarListPatch(bool? Hidden, bool? Selected, string? SummaryOverride);
}
