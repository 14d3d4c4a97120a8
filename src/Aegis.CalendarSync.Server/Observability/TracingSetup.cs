using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Server.Configuration;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>OpenTelemetry tracing, off by default. On when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (spans go to
/// that OTLP collector; the exporter reads the other standard <c>OTEL_EXPORTER_OTLP_*</c> variables itself) or when
/// <c>Tracing:Enabled=true</c> (spans are made for an exporter the host adds, e.g. the tests' in-memory one).
/// Sources: ASP.NET Core (incoming requests, minus health and metrics scrapes), HttpClient (Google, OAuth, the
/// webhook pushes), Npgsql (every PostgreSQL command) and the engine's <see cref="SyncTracing.SourceName"/>.
/// Nothing secret is recorded: query strings are redacted by the instrumentations' defaults, request headers
/// (bearer tokens, the webhook's channel token) are never captured, and the feed token in <c>/feeds/{token}.ics</c>
/// is replaced by its route template.</summary>
public static class TracingSetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string EnabledSetting = "Tracing:Enabled";
    public const string ServiceName = "aegis-calendar-sync";

    public static void AddAegisTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[OtlpEndpointVariable];
        var otlp = !string.IsNullOrWhiteSpace(endpoint);
        if (otlp && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new StartupConfigurationException($"{OtlpEndpointVariable} must be an http(s) URL (e.g. http://collector:4317), not '{endpoint}'.");
        if (!otlp && !configuration.GetValue<bool>(EnabledSetting)) return;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(TracingSetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SyncTracing.SourceName)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !IsUntraced(context.Request.Path);
                        o.EnrichWithHttpRequest = (activity, request) =>
                        {
                            if (RedactedPath(request.Path) is { } path) activity.SetTag("url.path", path);
                        };
                    })
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp) tracing.AddOtlpExporter();
            });
    }

    /// <summary>Probes and scrapes (every few seconds from every monitor) would drown the requests that matter.</summary>
    private static bool IsUntraced(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments(MetricsTokenGuard.Path) || path.StartsWithSegments("/_framework");

    /// <summary>The path to record instead of one that carries a credential, or null to keep it.</summary>
    internal static string? RedactedPath(PathString path) =>
        path.StartsWithSegments("/feeds") ? "/feeds/{token}.ics" : null;
}
