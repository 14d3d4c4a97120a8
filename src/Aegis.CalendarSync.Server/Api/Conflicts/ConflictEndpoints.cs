using System.Security.Claims;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Server.Api.Conflicts;

public static class ConflictEndpoints
{
    public static RouteGroupBuilder MapConflictEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conflicts").WithTags("Conflicts");
        group.MapGet("/", async (ClaimsPrincipal user, IConflictStore conflicts, CancellationToken ct) =>
            Results.Ok((await conflicts.ListOpenAsync(user.GetUserId(), ct)).Select(ConflictResponse.From).ToList()));
        group.MapGet("/{id:long}", async (ClaimsPrincipal user, long id, IConflictStore conflicts, CancellationToken ct) =>
            await conflicts.GetAsync(user.GetUserId(), id, ct) is { } c ? Results.Ok(ConflictResponse.From(c)) : Problems.NotFound("Conflict"));
        group.MapPost("/{id:long}/resolve", ResolveAsync);
        return group;
    }

    private static async Task<IResult> ResolveAsync(ClaimsPrincipal user, long id, HttpRequest request,
        IConflictStore conflicts, ISyncService sync, CancellationToken ct)
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

        var userId = user.GetUserId();
        var conflict = await conflicts.GetAsync(userId, id, ct);
        if (conflict is null) return Problems.NotFound("Conflict");
        if (conflict.Status != ConflictStatus.Open) return Problems.Conflict($"The conflict is already {WireEnum.ToWire(conflict.Status)}.");

        await sync.ResolveConflictAsync(userId, id, keep.Value, ct);
        var resolved = await conflicts.GetAsync(userId, id, ct);
        return Results.Ok(ConflictResponse.From(resolved ?? conflict));
    }
}
