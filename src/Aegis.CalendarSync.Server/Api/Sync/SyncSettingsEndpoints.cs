using System.Security.Claims;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Api.Google;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Api.Sync;

public static class SyncSettingsEndpoints
{
    public const int MaxCalendarIdLength = 255;

    public static RouteGroupBuilder MapSyncSettingsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync/settings").WithTags("Sync");
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, ISettingsStore settings, CancellationToken ct) =>
        Results.Ok(SyncSettingsResponse.From(await settings.GetAsync(user.GetUserId(), ct)));

    private static async Task<IResult> PutAsync(ClaimsPrincipal user, HttpRequest request, ISettingsStore settings,
        IGoogleConnectionService connection, ILoggerFactory loggers, TimeProvider time, CancellationToken ct)
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
        if (r.CalendarId is not null && (string.IsNullOrWhiteSpace(r.CalendarId) || r.CalendarId.Length > MaxCalendarIdLength))
            errors["calendar_id"] = [$"calendar_id must be 1 to {MaxCalendarIdLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var userId = user.GetUserId();
        var current = await settings.GetAsync(userId, ct) ?? new CalendarSyncSettings { UserId = userId };
        if (r.Enabled == true && !SyncSettingsResponse.IsConnected(current))
            return Problems.Conflict("Connect a Google account before enabling sync.");
        if (r.CalendarId is not null && r.CalendarId != current.CalendarId)
        {
            // A different calendar moves the channel, the sync token and the synced events: only the switch may write it.
            try
            {
                await connection.SwitchCalendarAsync(userId, r.CalendarId, ct);
            }
            catch (Exception e) when (CalendarProblems.For(e, loggers.CreateLogger(typeof(SyncSettingsEndpoints))) is { } problem)
            {
                return problem;
            }

            current = (await settings.GetAsync(userId, ct))!;
        }

        var updated = current with
        {
            ConflictStrategy = strategy ?? current.ConflictStrategy,
            Enabled = r.Enabled ?? current.Enabled,
            // Re-enabling is the user's acknowledgement of the reason sync was switched off.
            DisabledReason = r.Enabled == true ? null : current.DisabledReason,
            UpdatedAt = time.GetUtcNow(),
        };
        await settings.SavePreferencesAsync(updated, ct);
        return Results.Ok(SyncSettingsResponse.From(updated));
    }
}
