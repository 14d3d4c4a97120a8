using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Aegis.CalendarSync.Server.Auth;

public static class AuthenticationSetup
{
    /// <summary>Cookie auth for the browser, bearer tokens for the API, and a fallback policy that makes every
    /// endpoint require an authenticated user unless it opts out with AllowAnonymous.</summary>
    public static IServiceCollection AddAegisAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(AuthSchemes.Smart)
            .AddPolicyScheme(AuthSchemes.Smart, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "aegis.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/login";
                o.Events.OnRedirectToLogin = context => ChallengeApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ChallengeApiOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthSchemes.Bearer, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<PasswordAuthenticator>();
        return services;
    }

    /// <summary>API callers get a status code (then a problem details body), browsers a redirect to the login page.</summary>
    private static Task ChallengeApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
