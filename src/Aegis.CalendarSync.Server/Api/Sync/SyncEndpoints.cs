using System.Security.Claims;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>Sync actions: "sync now" and "full resync" enqueue work (the QueueProcessor runs it); the queue and its
/// dead letters can be listed and dead letters retried.</summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync").WithTags("Sync");
        group.MapPost("/now", (ClaimsPrincipal user, ISettingsStore settings, ISyncQueueStore queue, IQueueSignal signal, CancellationToken ct) =>
            EnqueueAsync(user, settings, queue, signal, QueueAction.IncrementalSync, ct));
        group.MapPost("/full", (ClaimsPrincipal user, ISettingsStore settings, ISyncQueueStore queue, IQueueSignal signal, CancellationToken ct) =>
            EnqueueAsync(user, settings, queue, signal, QueueAction.FullSync, ct));
        group.MapGet("/queue", ListQueueAsync);
        group.MapGet("/dead-letters", (ClaimsPrincipal user, ISyncQueueStore queue, int? limit, CancellationToken ct) =>
            ListAsync(user, queue, QueueStatus.Failed, limit, ct));
        group.MapPost("/queue/{id:long}/retry", RetryAsync);
        return group;
    }

    private static async Task<IResult> EnqueueAsync(ClaimsPrincipal user, ISettingsStore settings, ISyncQueueStore queue,
        IQueueSignal signal, QueueAction action, CancellationToken ct)
    {
        var userId = user.GetUserId();
        var current = await settings.GetAsync(userId, ct);
        if (!SyncSettingsResponse.IsConnected(current)) return Problems.Conflict("Connect a Google account first.");
        if (current is { Enabled: false }) return Problems.Conflict(current.DisabledReason is null
            ? "Sync is disabled; enable it in the sync settings first."
            : $"Sync is disabled: {current.DisabledReason}");
        var id = await queue.EnqueueFromGoogleAsync(userId, action, ct);
        signal.Notify();
        return Results.Accepted($"/api/sync/queue?status={WireEnum.ToWire(QueueStatus.Pending)}", new EnqueuedResponse(id, action));
    }

    private static Task<IResult> ListQueueAsync(ClaimsPrincipal user, ISyncQueueStore queue, string? status, int? limit, CancellationToken ct)
    {
        if (status is null) return ListAsync(user, queue, null, limit, ct);
        return WireEnum.TryParse<QueueStatus>(status, out var parsed)
            ? ListAsync(user, queue, parsed, limit, ct)
            : Task.FromResult(Problems.Validation("status", $"status must be one of {WireEnum.Names<QueueStatus>()}."));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ISyncQueueStore queue, QueueStatus? status, int? limit, CancellationToken ct)
    {
        if (!Paging.TryCreate(limit, 0, 100, 500, out var take, out _, out var error)) return error!;
        var items = await queue.ListAsync(user.GetUserId(), status, take, ct);
        return Results.Ok(items.Select(QueueItemResponse.From).ToList());
    }

    private static async Task<IResult> RetryAsync(ClaimsPrincipal user, long id, ISyncQueueStore queue, IQueueSignal signal, CancellationToken ct)
    {
        if (!await queue.RequeueFailedAsync(user.GetUserId(), id, ct)) return Problems.NotFound("Dead-letter queue item");
        signal.Notify();
        return Results.NoContent();
    }
}
