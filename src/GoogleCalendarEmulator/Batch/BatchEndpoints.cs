using GoogleCalendarEmulator.Calendar;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GoogleCalendarEmulator.Batch;

/// <summary>
/// Google's Calendar batch endpoint, <c>POST /batch/calendar/v3</c> (the discovery document's batchPath). The calls
/// run in request order, each through the Calendar API pipeline on its own (so each is logged, counted against quota,
/// authorised and failed independently); the batch request itself is logged as operation <c>batch</c> and counts
/// against no quota. Faults and latency may target it like any call (a fault matching <c>/batch</c> fails it whole).
/// </summary>
internal static class BatchEndpoints
{
    public const string Path = "/batch/calendar/v3";

    public static void Map(IEndpointRouteBuilder app)
    {
        // The calls are dispatched through a routing pipeline of their own over the same Calendar API endpoints.
        var branch = app.CreateApplicationBuilder();
        branch.UseRouting();
        branch.UseEndpoints(CalendarApiEndpoints.Map);
        var calls = branch.Build();

        app.MapPost(Path, (HttpContext http, EmulatorState state, CancellationToken ct) => ExecuteAsync(http, state, calls, ct))
            .AddEndpointFilter<ApiPipelineFilter>()
            .WithMetadata(new ApiOperation("batch", RequiresBearerToken: false));
    }

    private static async Task<FileContentHttpResult> ExecuteAsync(HttpContext http, EmulatorState state, RequestDelegate calls, CancellationToken ct)
    {
        var parts = await BatchRequestReader.ReadAsync(http.Request, state.Options.MaxBatchCalls, ct);
        var responses = new List<BatchPartResponse>(parts.Count);
        foreach (var part in parts)
        {
            responses.Add(await BatchCallRunner.RunAsync(part, http, calls));
        }

        var (contentType, body) = BatchResponseWriter.Write(responses);
        return TypedResults.Bytes(body, contentType);
    }
}
