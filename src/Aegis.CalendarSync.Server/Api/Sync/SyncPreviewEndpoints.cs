using System.Security.Claims;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary><c>/api/sync/preview</c>: the dry run of a new connection's first sync and the user's decision, through
/// <see cref="FirstSyncCommands"/>. <c>GET</c> the preview (nothing is written, in the wallet or in Google);
/// <c>POST start</c> runs the sync; <c>POST cancel</c> removes the connection. 409 when the connection does not await
/// the go-ahead (nothing changed); 502 when Google cannot be reached (nothing changed).</summary>
public static class SyncPreviewEndpoints
{
    public static RouteGroupBuilder MapSyncPreviewEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync/preview").WithTags("Sync").RequiresUser();
        group.MapGet("/", PreviewAsync).ProducesProblems(409, 502);
        group.MapPost("/start", StartAsync).ProducesProblems(409, 502);
        group.MapPost("/cancel", CancelAsync).ProducesProblems(409);
        return group;
    }

    private static async Task<Results<Ok<SyncPreviewResponse>, ProblemHttpResult>> PreviewAsync(ClaimsPrincipal user,
        FirstSyncCommands firstSync, CancellationToken ct) =>
        await firstSync.PreviewAsync(user.GetUserId(), ct) switch
        {
            FirstSyncResult.Previewed { Preview: var preview } => TypedResults.Ok(SyncPreviewResponse.From(preview)),
            var other => Refused(other),
        };

    private static async Task<Results<Accepted<FirstSyncStartedResponse>, ProblemHttpResult>> StartAsync(ClaimsPrincipal user,
        FirstSyncCommands firstSync, CancellationToken ct) =>
        await firstSync.StartAsync(user.GetUserId(), ct) switch
        {
            FirstSyncResult.Started => TypedResults.Accepted("/api/sync/queue", new FirstSyncStartedResponse(Started: true)),
            var other => Refused(other),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(ClaimsPrincipal user, FirstSyncCommands firstSync,
        CancellationToken ct) =>
        await firstSync.CancelAsync(user.GetUserId(), ct) switch
        {
            FirstSyncResult.Cancelled => TypedResults.NoContent(),
            var other => Refused(other),
        };

    private static ProblemHttpResult Refused(FirstSyncResult result) => result switch
    {
        FirstSyncResult.NotAwaiting { NeverConnected: true } => Problems.Conflict("Connect a Google account first."),
        FirstSyncResult.NotAwaiting => Problems.Conflict("The first sync of this connection already started; there is nothing to preview, start or cancel."),
        FirstSyncResult.GoogleUnavailable { Message: var message } => Problems.Create(StatusCodes.Status502BadGateway, "Google Calendar unavailable", message),
        _ => throw new InvalidOperationException($"Unexpected first-sync result {result}."),
    };
}
