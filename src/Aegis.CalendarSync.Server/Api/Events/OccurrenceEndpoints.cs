using System.Security.Claims;
using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Application.Occurrences;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Events;

/// <summary><c>/api/events/{id}/occurrences</c>: the occurrences of a series through <see cref="OccurrenceCommands"/>
/// (expanded, overrides applied), a change to one (PATCH) and skipping one (DELETE). The series never changes.</summary>
public static class OccurrenceEndpoints
{
    public static RouteGroupBuilder MapOccurrenceEndpoints(this RouteGroupBuilder events)
    {
        events.MapGet("/{id:guid}/occurrences", ListAsync);
        events.MapPatch("/{id:guid}/occurrences/{originalStart}", PatchAsync);
        events.MapDelete("/{id:guid}/occurrences/{originalStart}", SkipAsync);
        return events;
    }

    /// <summary>Defaults: from the series' start, one year; at most <see cref="OccurrenceCommands.MaxWindow"/>.</summary>
    private static async Task<Results<Ok<IReadOnlyList<OccurrenceResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, Guid id, DateTimeOffset? from, DateTimeOffset? to, EventCommands events, OccurrenceCommands occurrences,
        CancellationToken ct)
    {
        if (await events.GetAsync(user.GetUserId(), id, ct) is not { } series) return Problems.NotFound("Financial event");
        var start = from ?? series.StartAt;
        var end = to ?? start.AddYears(1);
        if (end <= start) return Problems.Validation("to", "to must be after from.");
        if (end - start > OccurrenceCommands.MaxWindow) return Problems.Validation("to", "the window may cover at most 5 years.");
        var list = await occurrences.ListAsync(user.GetUserId(), id, start, end, ct);
        return list is null
            ? Problems.NotFound("Financial event")
            : TypedResults.Ok<IReadOnlyList<OccurrenceResponse>>(list.Select(o => OccurrenceResponse.From(series, o)).ToList());
    }

    private static async Task<Results<Ok<OccurrenceResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(ClaimsPrincipal user,
        Guid id, string originalStart, HttpRequest request, EventCommands events, OccurrenceCommands occurrences, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<OccurrencePatch>(request, ct);
        if (body.Error is not null) return body.Error;
        return await ToResultAsync(user, id, events, await occurrences.UpdateAsync(user.GetUserId(), id, originalStart, body.Value!, ct), ct);
    }

    private static async Task<Results<Ok<OccurrenceResponse>, ValidationProblem, ProblemHttpResult>> SkipAsync(ClaimsPrincipal user,
        Guid id, string originalStart, EventCommands events, OccurrenceCommands occurrences, CancellationToken ct) =>
        await ToResultAsync(user, id, events, await occurrences.SkipAsync(user.GetUserId(), id, originalStart, ct), ct);

    private static async Task<Results<Ok<OccurrenceResponse>, ValidationProblem, ProblemHttpResult>> ToResultAsync(ClaimsPrincipal user,
        Guid id, EventCommands events, OccurrenceResult result, CancellationToken ct) => result switch
        {
            OccurrenceResult.Saved saved when await events.GetAsync(user.GetUserId(), id, ct) is { } series =>
                TypedResults.Ok(OccurrenceResponse.From(series, saved.Occurrence)),
            OccurrenceResult.Invalid invalid => Problems.Validation(invalid.Errors.ToDictionary()),
            OccurrenceResult.NotFound missing => Problems.NotFound(missing.What),
            _ => Problems.NotFound("Financial event"),
        };
}
