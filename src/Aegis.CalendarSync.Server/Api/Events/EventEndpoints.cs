using System.Security.Claims;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Api.Events;

/// <summary><c>/api/events</c>: CRUD of the caller's financial events. Writes go through the store, whose trigger
/// enqueues the Google push in the same transaction.</summary>
public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events").WithTags("Events");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:guid}", UpdateAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IFinancialEventStore events,
        DateTimeOffset? from, DateTimeOffset? to, int? limit, int? offset,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "include_deleted")] bool? includeDeleted, CancellationToken ct)
    {
        if (!Paging.TryCreate(limit, offset, 100, 500, out var take, out var skip, out var error)) return error!;
        if (from is not null && to is not null && to < from) return Problems.Validation("to", "to must not be before from.");
        var items = await events.ListAsync(user.GetUserId(),
            new EventQuery(from, to, includeDeleted ?? false, take, skip), ct);
        return Results.Ok(new Page<EventResponse>(items.Select(EventResponse.From).ToList(), take, skip));
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, Guid id, IFinancialEventStore events, CancellationToken ct) =>
        await events.GetAsync(user.GetUserId(), id, ct) is { } e
            ? Results.Ok(EventResponse.From(e))
            : Problems.NotFound("Financial event");

    private static async Task<IResult> CreateAsync(ClaimsPrincipal user, HttpRequest request, IFinancialEventStore events,
        IQueueSignal signal, TimeProvider time, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EventRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var errors = EventRequestValidator.Validate(body.Value!);
        if (errors.Count > 0) return Problems.Validation(errors);

        var now = time.GetUtcNow();
        var created = EventRequestValidator.ToEvent(body.Value!, Guid.CreateVersion7(now), user.GetUserId(), now, now);
        await events.InsertAsync(created, ct);
        signal.Notify();
        // Answer with the row as stored (the store keeps microsecond precision), so a later GET reads back equal.
        var stored = await events.GetAsync(created.UserId, created.Id, ct) ?? created;
        return Results.Created($"/api/events/{created.Id}", EventResponse.From(stored));
    }

    private static async Task<IResult> UpdateAsync(ClaimsPrincipal user, Guid id, HttpRequest request,
        IFinancialEventStore events, IQueueSignal signal, TimeProvider time, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<EventRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var userId = user.GetUserId();
        if (await events.GetAsync(userId, id, ct) is not { } existing) return Problems.NotFound("Financial event");
        var errors = EventRequestValidator.Validate(body.Value!);
        if (errors.Count > 0) return Problems.Validation(errors);

        var updated = EventRequestValidator.ToEvent(body.Value!, id, userId, existing.CreatedAt, time.GetUtcNow());
        if (!await events.UpdateAsync(updated, ct)) return Problems.NotFound("Financial event");
        signal.Notify();
        return Results.Ok(EventResponse.From(await events.GetAsync(userId, id, ct) ?? updated));
    }

    private static async Task<IResult> DeleteAsync(ClaimsPrincipal user, Guid id, IFinancialEventStore events,
        IQueueSignal signal, TimeProvider time, CancellationToken ct)
    {
        if (!await events.SoftDeleteAsync(user.GetUserId(), id, SyncSource.Aegis, time.GetUtcNow(), ct))
            return Problems.NotFound("Financial event");
        signal.Notify();
        return Results.NoContent();
    }
}
