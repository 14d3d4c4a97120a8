using System.Security.Claims;
using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>Choosing the Google calendar to sync: list the writable calendars of the connected account, or create a
/// dedicated one and switch to it. Switching itself is <see cref="ConnectionCommands.SwitchCalendarAsync"/>
/// (also reached through <c>PUT /api/sync/settings</c>).</summary>
public static class GoogleCalendarEndpoints
{
    public const int MaxSummaryLength = 255;

    public static RouteGroupBuilder MapGoogleCalendarEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/google/calendars").WithTags("Google").RequiresUser();
        group.MapGet("/", ListAsync).ProducesProblems(409, 502);
        group.MapPost("/", CreateAsync).AcceptsJson<CreateCalendarRequest>().ProducesProblems(409, 502);
        return group;
    }

    private static async Task<Results<Ok<List<GoogleCalendarResponse>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ConnectionCommands connection, ILoggerFactory loggers,
        CancellationToken ct)
    {
        try
        {
            var calendars = await connection.ListWritableCalendarsAsync(user.GetUserId(), ct);
            return TypedResults.Ok(calendars.Select(GoogleCalendarResponse.From).ToList());
        }
        catch (Exception e) when (CalendarProblems.For(e, loggers.CreateLogger(typeof(GoogleCalendarEndpoints))) is { } problem)
        {
            return problem;
        }
    }

    private static async Task<Results<Created<CalendarCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(ClaimsPrincipal user, HttpRequest request, ConnectionCommands connection,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateCalendarRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var r = body.Value!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Summary) || r.Summary.Length > MaxSummaryLength)
            errors["summary"] = [$"summary must be 1 to {MaxSummaryLength} characters."];
        if (r.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
            errors["time_zone"] = ["time_zone must be an IANA time zone, e.g. Europe/Lisbon."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var userId = user.GetUserId();
        try
        {
            var (created, switched) = await connection.CreateDedicatedCalendarAsync(userId, r.Summary!.Trim(), r.TimeZone, ct);
            var response = new CalendarCreatedResponse(GoogleCalendarResponse.From(created), switched.EventsMoved);
            return TypedResults.Created($"/api/google/calendars/{Uri.EscapeDataString(created.Id)}", response);
        }
        catch (Exception e) when (CalendarProblems.For(e, loggers.CreateLogger(typeof(GoogleCalendarEndpoints))) is { } problem)
        {
            return problem;
        }
    }
}
