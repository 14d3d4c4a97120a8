using System.Text.Json;
using Aegis.CalendarSync.Application.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Probes, all anonymous, each answering JSON <c>{"status": ..., "checks": {name: {"status", "reason"}}}</c>
/// with 200 when healthy and 503 otherwise:
/// <c>/healthz/live</c> runs no check (the process answers HTTP); <c>/healthz/ready</c> runs the readiness checks
/// (database, migrations, queue processor, push channels); <c>/healthz</c> is an alias of ready.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddAegisHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .Add(Readiness("database", (r, ct) => r.DatabaseAsync(ct)))
            .Add(Readiness("migrations", (r, ct) => r.MigrationsAsync(ct)))
            .Add(Readiness("queue_processor", (r, _) => Task.FromResult(r.QueueProcessor())))
            .Add(Readiness("push_channels", (r, ct) => r.ChannelsAsync(ct)));
        return services;
    }

    public static IEndpointRouteBuilder MapAegisHealthChecks(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz/live", Options(_ => false)).AllowAnonymous();
        var ready = Options(r => r.Tags.Contains(ReadyTag));
        routes.MapHealthChecks("/healthz/ready", ready).AllowAnonymous();
        routes.MapHealthChecks("/healthz", ready).AllowAnonymous();
        return routes;
    }

    private static HealthCheckRegistration Readiness(string name, Func<ReadinessQueries, CancellationToken, Task<ReadinessCheck>> condition) =>
        new(name, sp => new ReadinessHealthCheck(sp.GetRequiredService<ReadinessQueries>(), condition), HealthStatus.Unhealthy, [ReadyTag]);

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) =>
        new() { Predicate = predicate, ResponseWriter = WriteAsync };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(Wire(report.Status),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(Wire(e.Value.Status), e.Value.Description ?? "")));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson, context.RequestAborted);
    }

    private static string Wire(HealthStatus status) => status.ToString().ToLowerInvariant();

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

    private sealed record HealthCheckResponse(string Status, string Reason);
}
