using System.Security.Claims;
using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Application.Occurrences;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Server.Api.Sync;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Api.Events;

/// <summary><c>/api/events</c>: CRUD of the caller's financial events through <see cref="EventCommands"/> (whose store
/// trigger enqueues the Google push in the same transaction), and "Refresh from Google" for one event.</summary>
public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events").WithTags("Events").RequiresUser();
        group.MapGet("/", ListAsync);
        group.MapGet("/trash", ListTrashAsync);
        group.MapGet("/{id:guid}", GetAsync).ProducesProblems(404);
        group.MapPost("/", CreateAsync).AcceptsJson<EventInput>();
        group.MapPut("/{id:guid}", UpdateAsync).AcceptsJson<EventInput>().ProducesProblems(404);
        group.MapDelete("/{id:guid}", DeleteAsync).ProducesProblems(404);
        group.MapPost("/{id:guid}/restore", RestoreAsync).ProducesProblems(404);
        group.MapPost("/{id:guid}/refresh", RefreshAsync).ProducesProblems(404, 409, 502);
        group.MapOccurrenceEndpoints();
        return group;
    }

    /// <summary>A recurring event carries its next occurrence still ahead (<c>next_occurrence</c>).</summary>
    private static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem>> ListAsync(ClaimsPrincipal user, EventCommands events,
        OccurrenceCommands occurrences, DateTimeOffset? from, DateTimeOffset? to, int? limit, int? offset,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "include_deleted")] bool? includeDeleted, CancellationToken ct)
    {
        if (!Paging.TryCreate(limit, offset, 100, 500, out var take, out var skip, out var error)) return error!;
        if (from is not null && to is not null && to < from) return Problems.Validation("to", "to must not be before from.");
        var items = await events.ListAsync(user.GetUserId(), new EventQuery(from, to, includeDeleted ?? false, take, skip), ct);
        var next = await occurrences.NextAsync(user.GetUserId(), items.Where(e => e.DeletedAt is null), ct);
        return TypedResults.Ok(new Page<EventResponse>(
            items.Select(e => EventResponse.From(e) with
            {
                NextOccurrence = next.TryGetValue(e.Id, out var o) ? OccurrenceResponse.From(e, o) : null,
            }).ToList(), take, skip));
    }

    /// <summary>The Trash: deleted events (in the wallet or in Google), newest first, each with the time the clean-up
    /// job may remove it for good.</summary>
    private static async Task<Results<Ok<List<TrashItemResponse>>, ValidationProblem>> ListTrashAsync(ClaimsPrincipal user,
        EventCommands events, IOptions<TrashOptions> trash, int? limit, CancellationToken ct)
    {
        if (!Paging.TryCreate(limit, 0, 100, 500, out var take, out _, out var error)) return error!;
        var items = await events.ListTrashAsync(user.GetUserId(), take, ct);
        return TypedResults.Ok(items.Select(e => TrashItemResponse.From(e, trash.Value.Retention)).ToList());
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, Guid id,
        EventCommands events, CancellationToken ct) =>
        await events.GetAsync(user.GetUserId(), id, ct) is { } e
            ? TypedResults.Ok(EventResponse.From(e))
            : Problems.NotFound("Financial event");

    private static async Task<Results<Created<EventResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(ClaimsPrincipal user,
        HttpRequest request, EventCommands events, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EventInput>(request, ct);
        if (body.Error is not null) return body.Error;
        return await events.CreateAsync(user.GetUserId(), body.Value!, ct) switch
        {
            EventCommandResult.Saved { Event: var stored } => TypedResults.Created($"/api/events/{stored.Id}", EventResponse.From(stored)),
            EventCommandResult.Invalid invalid => Problems.Validation(invalid.Errors.ToDictionary()),
            _ => Problems.NotFound("Financial event"),
        };
    }

    private static async Task<Results<Ok<EventResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(ClaimsPrincipal user, Guid id,
        HttpRequest request, EventCommands events, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EventInput>(request, ct);
        if (body.Error is not null) return body.Error;
        return await events.UpdateAsync(user.GetUserId(), id, body.Value!, ct) switch
        {
            EventCommandResult.Saved { Event: var stored } => TypedResults.Ok(EventResponse.From(stored)),
            EventCommandResult.Invalid invalid => Problems.Validation(invalid.Errors.ToDictionary()),
            _ => Problems.NotFound("Financial event"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(ClaimsPrincipal user, Guid id, EventCommands events,
        CancellationToken ct) =>
        await events.DeleteAsync(user.GetUserId(), id, ct) ? TypedResults.NoContent() : Problems.NotFound("Financial event");

    /// <summary>Undoes a soft delete (the push re-creates the Google copy): 200 with the live row; a live event answers
    /// its row unchanged; 404 unknown event.</summary>
    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> RestoreAsync(ClaimsPrincipal user, Guid id, EventCommands events,
        CancellationToken ct) =>
        await events.RestoreAsync(user.GetUserId(), id, ct) is EventCommandResult.Saved { Event: var stored }
            ? TypedResults.Ok(EventResponse.From(stored))
            : Problems.NotFound("Financial event");

    /// <summary>Reads the event's Google counterpart now and applies it under the user's conflict strategy: 200 with
    /// the row as stored afterwards; 404 unknown event; 409 sync off or the event not in Google yet; 502 Google refused.</summary>
    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> RefreshAsync(ClaimsPrincipal user, Guid id, SyncCommands sync,
        ILoggerFactory loggers, CancellationToken ct)
    {
        try
        {
            return await sync.RefreshEventAsync(user.GetUserId(), id, ct) switch
            {
                EventRefreshResult.Refreshed { Event: var stored } => TypedResults.Ok(EventResponse.From(stored)),
                EventRefreshResult.CannotSync { Refusal: var refusal } => SyncProblems.Refused(refusal),
                EventRefreshResult.NotInGoogle => Problems.Conflict(
                    "This event is not in Google Calendar yet (its push is still queued or failed); refresh it once it is synced."),
                _ => Problems.NotFound("Financial event"),
            };
        }
        catch (Exception e) when (e is GoogleApiException or HttpRequestException)
        {
            loggers.CreateLogger(typeof(EventEndpoints)).LogWarning(e, "Refreshing event {EventId} from Google failed", id);
            return Problems.Create(StatusCodes.Status502BadGateway, "Google Calendar refused the request",
                "Google Calendar did not answer the refresh; try again later.");
        }
    }
}
