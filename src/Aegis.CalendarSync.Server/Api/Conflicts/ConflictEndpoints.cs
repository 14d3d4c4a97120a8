using System.Security.Claims;
using Aegis.CalendarSync.Application.Conflicts;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Conflicts;

public static class ConflictEndpoints
{
    public static RouteGroupBuilder MapConflictEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conflicts").WithTags("Conflicts").RequiresUser();
        group.MapGet("/", async (ClaimsPrincipal user, ConflictCommands conflicts, CancellationToken ct) =>
            TypedResults.Ok((await conflicts.ListOpenAsync(user.GetUserId(), ct)).Select(ConflictResponse.From).ToList()));
        group.MapGet("/{id:long}", GetAsync).ProducesProblems(404);
        group.MapPost("/{id:long}/resolve", ResolveAsync).AcceptsJson<ResolveConflictRequest>().ProducesProblems(404, 409);
        return group;
    }

    private static async Task<Results<Ok<ConflictResponse>, ProblemHttpResult>> GetAsync(ClaimsPrincipal user, long id,
        ConflictCommands conflicts, CancellationToken ct) =>
        await conflicts.GetAsync(user.GetUserId(), id, ct) is { } c ? TypedResults.Ok(ConflictResponse.From(c)) : Problems.NotFound("Conflict");

    private static async Task<Results<Ok<ConflictResponse>, ValidationProblem, ProblemHttpResult>> ResolveAsync(ClaimsPrincipal user, long id,
        HttpRequest request, ConflictCommands conflicts, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ResolveConflictRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        ConflictResolution? keep = body.Value!.Keep switch
        {
            "local" => ConflictResolution.KeepLocal,
            "google" => ConflictResolution.KeepGoogle,
            _ => null,
        };
        if (keep is null) return Problems.Validation("keep", "keep must be \"local\" or \"google\".");

        return await conflicts.ResolveAsync(user.GetUserId(), id, keep.Value, ct) switch
        {
            ConflictResolveResult.Resolved resolved => TypedResults.Ok(ConflictResponse.From(resolved.Conflict)),
            ConflictResolveResult.AlreadyClosed closed => Problems.Conflict($"The conflict is already {WireEnum.ToWire(closed.Conflict.Status)}."),
            ConflictResolveResult.Refused refused => Problems.Conflict(refused.Reason),
            _ => Problems.NotFound("Conflict"),
        };
    }
}
