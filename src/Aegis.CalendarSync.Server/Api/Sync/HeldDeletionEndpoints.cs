using System.Security.Claims;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Server.Api.Events;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary><c>/api/sync/held-deletions</c>: deletions from Google the mass-delete guard held, and the user's decision
/// for all of them: <c>confirm</c> (delete here too; they go to the Trash) or <c>restore</c> (keep them; they are put
/// back in Google). Through <see cref="HeldDeletionCommands"/>.</summary>
public static class HeldDeletionEndpoints
{
    public static RouteGroupBuilder MapHeldDeletionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync/held-deletions").WithTags("Sync").RequiresUser();
        group.MapGet("/", ListAsync);
        group.MapPost("/confirm", ConfirmAsync);
        group.MapPost("/restore", RestoreAsync).ProducesProblems(409, 502);
        return group;
    }

    private static async Task<Ok<HeldDeletionsResponse>> ListAsync(ClaimsPrincipal user, HeldDeletionCommands held, CancellationToken ct)
    {
        var items = await held.ListAsync(user.GetUserId(), ct);
        return TypedResults.Ok(HeldDeletionsResponse.From(items));
    }

    private static async Task<Ok<HeldDeletionDecisionResponse>> ConfirmAsync(ClaimsPrincipal user, HeldDeletionCommands held,
        CancellationToken ct) =>
        TypedResults.Ok(new HeldDeletionDecisionResponse(Deleted: await held.ConfirmAsync(user.GetUserId(), ct), Restored: 0));

    private static async Task<Results<Ok<HeldDeletionDecisionResponse>, ProblemHttpResult>> RestoreAsync(ClaimsPrincipal user,
        HeldDeletionCommands held, CancellationToken ct) =>
        await held.RestoreAsync(user.GetUserId(), ct) switch
        {
            HeldDeletionRestoreResult.Restored { Count: var n } => TypedResults.Ok(new HeldDeletionDecisionResponse(Deleted: 0, Restored: n)),
            HeldDeletionRestoreResult.CannotSync { Refusal: var refusal } => SyncProblems.Refused(refusal),
            HeldDeletionRestoreResult.Interrupted => Problems.Conflict("A sync changed some of these events meanwhile; the rest are still held. Try again."),
            _ => throw new InvalidOperationException("Unknown restore result."),
        };
}

/// <summary>The held deletions and the sentence the UI shows about them (null when none are held).</summary>
public sealed record HeldDeletionsResponse(int Count, string? Notice, IReadOnlyList<HeldDeletionItemResponse> Items)
{
    public static HeldDeletionsResponse From(IReadOnlyList<HeldDeletionView> views) => new(views.Count,
        views.Count == 0 ? null : HeldDeletionWording.Notice(views.Count),
        views.Select(v => new HeldDeletionItemResponse(EventResponse.From(v.Event), v.Held.GoogleEventId, v.Held.HeldAt)).ToList());
}

public sealed record HeldDeletionItemResponse(EventResponse Event, string GoogleEventId, DateTimeOffset HeldAt);

public sealed record HeldDeletionDecisionResponse(int Deleted, int Restored);
