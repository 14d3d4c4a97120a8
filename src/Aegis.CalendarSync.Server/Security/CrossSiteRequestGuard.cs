using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Security;

/// <summary>Refuses with 403 problem details every state-changing request (POST, PUT, PATCH, DELETE) that a browser sent
/// from a page of another origin, before authentication or any handler runs. Applies to requests without an
/// Authorization header, i.e. those a browser can make with the ambient sign-in cookie; bearer-token clients are
/// unaffected (a page cannot attach their token). A request is from another origin when its browser-set
/// <c>Sec-Fetch-Site</c> is <c>cross-site</c> or <c>same-site</c> (a sibling sub-domain, which SameSite=Lax cookies do
/// reach), or, from browsers that send no <c>Sec-Fetch-Site</c>, when its <c>Origin</c> is not this server's. Callers
/// sending neither header are not browsers acting for a page (Google's webhook) and pass. Blazor forms and the
/// sign-out form also carry an antiforgery token, checked separately.</summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<ServerOptions> options, ILogger<CrossSiteRequestGuard> logger)
{
    private readonly string _publicOrigin = new Uri(options.Value.PublicBaseUrl).GetLeftPart(UriPartial.Authority);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || request.Headers.Authorization.Count > 0 || IsFromThisSite(request))
        {
            await next(context);
            return;
        }

        logger.LogWarning("Refused cross-site {Method} {Path} (Origin {Origin}, Sec-Fetch-Site {Site})",
            request.Method, request.Path, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
        await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
            detail: "This request came from a page on another site; changes are only accepted from this site's own pages or with a bearer token.")
            .ExecuteAsync(context);
    }

    private bool IsFromThisSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || string.Equals(origin, _publicOrigin, StringComparison.OrdinalIgnoreCase);
    }
}
