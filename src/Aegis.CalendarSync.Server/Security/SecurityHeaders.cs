namespace Aegis.CalendarSync.Server.Security;

/// <summary>Adds the browser hardening headers to every response (pages, API answers, assets). The policy allows only
/// this origin's scripts (blazor.web.js, live-progress.js), styles, images and connections (enhanced navigation's
/// fetches, the live-progress EventSource); no inline script or style, no plugins, no foreign form targets, and no
/// framing by any site (clickjacking), with X-Frame-Options for browsers without frame-ancestors.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyOverride>()?.Policy
                ?? ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
