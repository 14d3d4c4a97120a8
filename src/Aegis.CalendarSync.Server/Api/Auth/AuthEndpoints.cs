using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Aegis.CalendarSync.Server.Api.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous().WithTags("Auth");
        // Form post from the UI's sign-out button: cross-site posts are refused by CrossSiteRequestGuard, and the form's
        // antiforgery token is checked here (this handler binds no form, so UseAntiforgery alone would not refuse it).
        routes.MapPost("/logout", async Task<IResult> (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Problems.Create(StatusCodes.Status400BadRequest, "Sign-out refused",
                    "The sign-out form carried no valid antiforgery token; reload the page and sign out again.");
            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect("/login");
        });
        return routes;
    }

    private static async Task<IResult> IssueTokenAsync(HttpRequest request, PasswordAuthenticator authenticator,
        ApiTokenService tokens, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<TokenRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var user = await authenticator.AuthenticateAsync(body.Value!.Email, body.Value.Password, ct);
        if (user is null)
            return Problems.Create(StatusCodes.Status401Unauthorized, "Invalid credentials", "The email or password is incorrect.");
        var issued = await tokens.IssueAsync(user.Id, ct);
        return Results.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresAt));
    }
}
