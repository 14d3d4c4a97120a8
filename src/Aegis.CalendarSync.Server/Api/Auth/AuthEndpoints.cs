using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous().WithTags("Auth").AcceptsJson<TokenRequest>().ProducesProblems(401, 429);
        // Form post from the UI's sign-out button: cross-site posts are refused by CrossSiteRequestGuard, and the form's
        // antiforgery token is checked here (this handler binds no form, so UseAntiforgery alone would not refuse it).
        routes.MapPost("/logout", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Problems.Create(StatusCodes.Status400BadRequest, "Sign-out refused",
                    "The sign-out form carried no valid antiforgery token; reload the page and sign out again.");
            await context.SignOutAsync(AuthSchemes.Cookie);
            return TypedResults.LocalRedirect("/login");
        }).Redirects().ProducesProblems(400);
        return routes;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(HttpContext context, SignInService signIn, ApiTokenService tokens,
        CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<TokenRequest>(context.Request, ct);
        if (body.Error is not null) return body.Error;
        var result = await signIn.SignInAsync(body.Value!.Email, body.Value.Password, context.Connection.RemoteIpAddress, ct);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                var issued = await tokens.IssueAsync(result.User!.Id, ct);
                return TypedResults.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresAt));
            case SignInStatus.InvalidCredentials:
                return Problems.Create(StatusCodes.Status401Unauthorized, "Invalid credentials", result.RefusalMessage);
            default:
                SignInRateLimiting.SetRetryAfter(context.Response, result.RetryAfter);
                return Problems.Create(StatusCodes.Status429TooManyRequests, "Sign-in refused", result.RefusalMessage);
        }
    }
}
