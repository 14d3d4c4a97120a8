using System.Security.Claims;
using Aegis.CalendarSync.Server.Api;
using Aegis.CalendarSync.Server.Auth;

namespace Aegis.CalendarSync.Server.Realtime;

/// <summary><c>GET /api/sync/stream</c>: the caller's live sync progress as Server-Sent Events (cookie or bearer).</summary>
public static class SyncStreamEndpoints
{
    public static RouteHandlerBuilder MapSyncStreamEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/sync/stream", StreamAsync).WithTags("Sync").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task StreamAsync(HttpContext context, ClaimsPrincipal user, SyncProgressFeed feed,
        ProgressStream stream, IHostApplicationLifetime lifetime)
    {
        using var subscription = feed.TrySubscribe(user.GetUserId());
        if (subscription is null)
        {
            await Problems.Create(StatusCodes.Status429TooManyRequests, "Too many streams",
                "This account already has the maximum number of live progress streams open; close one and retry.").ExecuteAsync(context);
            return;
        }
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await stream.RunAsync(context, subscription, ended.Token);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away or the host is stopping: the stream simply ends.
        }
    }
}
