using Aegis.CalendarSync.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aegis.CalendarSync.Server.Api.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous().WithTags("Auth").AcceptsJson<TokenRequest>().ProducesProblems(401);
        // Form post from the UI's sign-out button; antiforgery is validated for form endpoints by UseAntiforgery.
        routes.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(AuthSchemes.Cookie);
            return TypedResults.LocalRedirect("/login");
        }).Redirects();
        return routes;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(HttpRequest request, PasswordAuthenticator authenticator,
        ApiTokenService tokens, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<TokenRequest>(request, ct);
        if (body.Error is not null) return body.Error;
        var user = await authenticator.AuthenticateAsync(body.Value!.Email, body.Value.Password, ct);
        if (user is null)
            return Problems.Create(StatusCodes.Status401Unauthorized, "Invalid credentials", "The email or password is incorrect.");
        var issued = await tokens.IssueAsync(user.Id, ct);
        return TypedResults.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresAt));
    }
}
