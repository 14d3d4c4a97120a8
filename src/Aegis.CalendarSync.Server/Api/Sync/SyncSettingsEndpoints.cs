using System.Security.Claims;
using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Api.Google;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Sync;

public static class SyncSettingsEndpoints
{
    public static RouteGroupBuilder MapSyncSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync/settings").WithTags("Sync").RequiresUser();
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync).AcceptsJson<SyncSettingsRequest>().ProducesProblems(409, 502);
        return group;
    }

    private static async Task<Ok<SyncSettingsResponse>> GetAsync(ClaimsPrincipal user, ConnectionCommands connection, CancellationToken ct) =>
        TypedResults.Ok(SyncSettingsResponse.From(await connection.GetSettingsAsync(user.GetUserId(), ct)));

    private static async Task<Results<Ok<SyncSettingsResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(ClaimsPrincipal user, HttpRequest request, ConnectionCommands connection,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<SyncSettingsRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var r = body.Value!;

        var errors = new Dictionary<string, string[]>();
        ConflictStrategy? strategy = null;
        if (r.ConflictStrategy is not null)
        {
            if (WireEnum.TryParse<ConflictStrategy>(r.ConflictStrategy, out var parsed)) strategy = parsed;
            else errors["conflict_strategy"] = [$"conflict_strategy must be one of {WireEnum.Names<ConflictStrategy>()}."];
        }
        if (r.CalendarId is not null && (string.IsNullOrWhiteSpace(r.CalendarId) || r.CalendarId.Length > ConnectionCommands.MaxCalendarIdLength))
            errors["calendar_id"] = [$"calendar_id must be 1 to {ConnectionCommands.MaxCalendarIdLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);

        try
        {
            return await connection.UpdatePreferencesAsync(user.GetUserId(), new SyncPreferencesChange(strategy, r.CalendarId, r.Enabled, r.ImportForeignEvents), ct) switch
            {
                PreferencesUpdateResult.Saved saved => TypedResults.Ok(SyncSettingsResponse.From(saved.Settings)),
                _ => Problems.Conflict("Connect a Google account before enabling sync."),
            };
        }
        catch (Exception e) when (CalendarProblems.For(e, loggers.CreateLogger(typeof(SyncSettingsEndpoints))) is { } problem)
        {
            return problem;
        }
    }
}
