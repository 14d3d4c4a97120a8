using Aegis.CalendarSync.Security;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>With <see cref="MetricsOptions.RequireToken"/>, refuses <c>/metrics</c> with 401 (WWW-Authenticate: Bearer)
/// unless the request carries the configured token, compared in constant time.</summary>
public sealed class MetricsTokenGuard(RequestDelegate next, IOptions<MetricsOptions> options)
{
    public const string Path = "/metrics";
    private const string Prefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.RequireToken || !context.Request.Path.StartsWithSegments(Path)) return next(context);
        string? header = context.Request.Headers.Authorization;
        var presented = header is not null && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
        if (presented is not null && SecretComparer.FixedTimeEquals(presented, options.Value.Token)) return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
