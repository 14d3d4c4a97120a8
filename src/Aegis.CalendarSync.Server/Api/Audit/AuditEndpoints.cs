using System.Security.Claims;
using Aegis.CalendarSync.Application.Audit;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Aegis.CalendarSync.Server.Api.Audit;

public static class AuditEndpoints
{
    public static RouteHandlerBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/audit", QueryAsync).WithTags("Audit").ProducesProblems(401);

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> QueryAsync(ClaimsPrincipal user, AuditQueries audit,
        string? action, string? status, [FromQuery(Name = "eventId")] Guid? eventId, DateTimeOffset? since, int? limit, int? offset,
        CancellationToken ct)
    {
        if (!Paging.TryCreate(limit, offset, 50, 500, out var take, out var skip, out var error)) return error!;
        if (!WireEnum.TryParseOptional<AuditAction>(action, out var actionFilter))
            return Problems.Validation("action", $"action must be one of {WireEnum.Names<AuditAction>()}.");
        if (!WireEnum.TryParseOptional<AuditOutcome>(status, out var statusFilter))
            return Problems.Validation("status", $"status must be one of {WireEnum.Names<AuditOutcome>()}.");
        var rows = await audit.QueryAsync(user.GetUserId(), new AuditQuery(actionFilter, statusFilter, eventId, since, take, skip), ct);
        return TypedResults.Ok(new Page<AuditEntryResponse>(rows.Select(AuditEntryResponse.From).ToList(), take, skip));
    }
}
