using System.Security.Claims;
using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Api.Google;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>Several calendars of one Google account: <c>GET</c> lists the account's calendars (calendarList) with their
/// access role, routing, import flag, channel expiry and last sync; <c>PUT</c> sets the whole routing (every event type to
/// exactly one writable calendar; unknown or read-only calendars are refused with problem details and nothing changes).</summary>
public static class SyncCalendarsEndpoints
{
    public const int MaxCalendars = 50;

    public static RouteGroupBuilder MapSyncCalendarsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync/calendars").WithTags("Sync").RequiresUser();
        group.MapGet("/", GetAsync).ProducesProblems(409, 502);
        group.MapPut("/", PutAsync).AcceptsJson<SyncCalendarsRequest>().ProducesProblems(400, 409, 502);
        return group;
    }

    private static async Task<Results<Ok<List<SyncCalendarResponse>>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user,
        ConnectionCommands connection, ILoggerFactory loggers, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok((await connection.ListSyncedCalendarsAsync(user.GetUserId(), ct)).Select(SyncCalendarResponse.From).ToList());
        }
        catch (Exception e) when (CalendarProblems.For(e, loggers.CreateLogger(typeof(SyncCalendarsEndpoints))) is { } problem)
        {
            return problem;
        }
    }

    private static async Task<Results<Ok<List<SyncCalendarResponse>>, ValidationProblem, ProblemHttpResult>> PutAsync(ClaimsPrincipal user,
        HttpRequest request, ConnectionCommands connection, ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<SyncCalendarsRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var (routes, errors) = Parse(body.Value!);
        if (errors.Count > 0) return Problems.Validation(errors);

        try
        {
            var calendars = await connection.RouteCalendarsAsync(user.GetUserId(), routes, ct);
            return TypedResults.Ok(calendars.Select(SyncCalendarResponse.From).ToList());
        }
        catch (Exception e) when (CalendarProblems.For(e, loggers.CreateLogger(typeof(SyncCalendarsEndpoints))) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>The shape checks (the routing rules themselves are the engine's): field-keyed messages per entry.</summary>
    private static (List<CalendarRoute> Routes, Dictionary<string, string[]> Errors) Parse(SyncCalendarsRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var routes = new List<CalendarRoute>();
        if (request.Calendars is not { Count: > 0 and <= MaxCalendars } calendars)
        {
            errors["calendars"] = [$"calendars must list 1 to {MaxCalendars} calendars."];
            return (routes, errors);
        }

        for (var i = 0; i < calendars.Count; i++)
        {
            var key = $"calendars[{i}]";
            if (calendars[i] is not { } c)
            {
                errors[key] = ["Each entry must be an object."];
                continue;
            }

            if ((c.Id is null) == (c.NewCalendarName is null))
                errors[key] = ["Give either id (an existing calendar) or new_calendar_name (a calendar to create)."];
            if (c.Id is not null && (string.IsNullOrWhiteSpace(c.Id) || c.Id.Length > ConnectionCommands.MaxCalendarIdLength))
                errors[$"{key}.id"] = [$"id must be 1 to {ConnectionCommands.MaxCalendarIdLength} characters."];
            if (c.NewCalendarName is not null && (string.IsNullOrWhiteSpace(c.NewCalendarName) || c.NewCalendarName.Length > CalendarSetup.MaxNameLength))
                errors[$"{key}.new_calendar_name"] = [$"new_calendar_name must be 1 to {CalendarSetup.MaxNameLength} characters."];
            var types = new List<EventType>();
            foreach (var text in c.EventTypes ?? [])
            {
                if (WireEnum.TryParse<EventType>(text, out var type)) types.Add(type);
                else errors[$"{key}.event_types"] = [$"event_types must hold only {WireEnum.Names<EventType>()}."];
            }

            routes.Add(new CalendarRoute(c.Id, c.NewCalendarName, types, c.ImportForeignEvents ?? false));
        }

        return (routes, errors);
    }
}
