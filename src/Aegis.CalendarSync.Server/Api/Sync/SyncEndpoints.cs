using System.Security.Claims;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>Sync actions: "sync now" and "full resync" enqueue work (the QueueProcessor runs it); the queue and its
/// dead letters can be listed and dead letters retried (one or all); inbound changes that could not be applied are listed. All through <see cref="SyncCommands"/>.</summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync").WithTags("Sync").RequiresUser();
        group.MapPost("/now", (ClaimsPrincipal user, SyncCommands sync, CancellationToken ct) =>
            RequestAsync(user, sync, QueueAction.IncrementalSync, ct)).ProducesProblems(409);
        group.MapPost("/full", (ClaimsPrincipal user, SyncCommands sync, CancellationToken ct) =>
            RequestAsync(user, sync, QueueAction.FullSync, ct)).ProducesProblems(409);
        group.MapGet("/queue", ListQueueAsync);
        group.MapGet("/dead-letters", (ClaimsPrincipal user, SyncCommands sync, int? limit, CancellationToken ct) =>
            ListAsync(user, sync, QueueStatus.Failed, limit, ct));
        group.MapPost("/queue/{id:long}/retry", RetryAsync).ProducesProblems(404);
        group.MapPost("/dead-letters/retry-all", RetryAllAsync);
        group.MapGet("/inbound-failures", ListInboundFailuresAsync);
        return group;
    }

    private static async Task<Results<Accepted<EnqueuedResponse>, ProblemHttpResult>> RequestAsync(ClaimsPrincipal user,
        SyncCommands sync, QueueAction action, CancellationToken ct) =>
        await sync.RequestAsync(user.GetUserId(), action, ct) switch
        {
            SyncRequestResult.Enqueued enqueued => TypedResults.Accepted($"/api/sync/queue?status={WireEnum.ToWire(QueueStatus.Pending)}",
                new EnqueuedResponse(enqueued.QueueItemId, enqueued.Action)),
            var refusal => SyncProblems.Refused(refusal),
        };

    private static Task<Results<Ok<List<QueueItemResponse>>, ValidationProblem>> ListQueueAsync(ClaimsPrincipal user, SyncCommands sync,
        string? status, int? limit, CancellationToken ct)
    {
        if (status is null) return ListAsync(user, sync, null, limit, ct);
        return WireEnum.TryParse<QueueStatus>(status, out var parsed)
            ? ListAsync(user, sync, parsed, limit, ct)
            : Task.FromResult<Results<Ok<List<QueueItemResponse>>, ValidationProblem>>(
                Problems.Validation("status", $"status must be one of {WireEnum.Names<QueueStatus>()}."));
    }

    private static async Task<Results<Ok<List<QueueItemResponse>>, ValidationProblem>> ListAsync(ClaimsPrincipal user, SyncCommands sync,
        QueueStatus? status, int? limit, CancellationToken ct)
    {
        if (!Paging.TryCreate(limit, 0, 100, 500, out var take, out _, out var error)) return error!;
        var items = await sync.ListQueueAsync(user.GetUserId(), status, take, ct);
        return TypedResults.Ok(items.Select(QueueItemResponse.From).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(ClaimsPrincipal user, long id, SyncCommands sync,
        CancellationToken ct) =>
        await sync.RetryDeadLetterAsync(user.GetUserId(), id, ct) ? TypedResults.NoContent() : Problems.NotFound("Dead-letter queue item");

    private static async Task<Ok<RetryAllResponse>> RetryAllAsync(ClaimsPrincipal user, SyncCommands sync, CancellationToken ct) =>
        TypedResults.Ok(new RetryAllResponse(await sync.RetryAllDeadLettersAsync(user.GetUserId(), ct)));

    private static async Task<Ok<List<InboundFailureResponse>>> ListInboundFailuresAsync(ClaimsPrincipal user, SyncCommands sync,
        CancellationToken ct) =>
        TypedResults.Ok((await sync.ListInboundFailuresAsync(user.GetUserId(), ct)).Select(InboundFailureResponse.From).ToList());
}
