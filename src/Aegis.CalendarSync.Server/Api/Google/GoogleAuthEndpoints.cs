using System.Security.Claims;
using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Api.Google;

/// <summary>The OAuth routes of the seed's google-calendar-auth function. State signing, PKCE, token storage and
/// channel registration live in <see cref="ConnectionCommands"/>; these endpoints only translate HTTP.</summary>
public static class GoogleAuthEndpoints
{
    /// <summary>UI page the browser returns to after the callback (success or a user-facing error).</summary>
    public const string ConnectionPage = "/google";

    public static RouteGroupBuilder MapGoogleAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/google/auth").WithTags("Google");
        group.MapGet("/start", StartAsync).Redirects().ProducesProblems(401);
        // Anonymous so that a refused callback gets this flow's own error (not a login redirect); it completes only for
        // the signed-in user who started it, in the browser that started it (OAuthSessionCookie).
        group.MapGet("/callback", CallbackAsync).AllowAnonymous().Redirects().ProducesProblems(400);
        group.MapPost("/revoke", async (ClaimsPrincipal user, ConnectionCommands connection, CancellationToken ct) =>
        {
            await connection.DisconnectAsync(user.GetUserId(), ct);
            return TypedResults.NoContent();
        }).ProducesProblems(401);
        group.MapPost("/renew_channel", RenewChannelAsync).ProducesProblems(401, 502);
        return group;
    }

    private static async Task<RedirectHttpResult> StartAsync(HttpContext context, ClaimsPrincipal user, ConnectionCommands connection,
        OAuthSessionCookie sessionCookie, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var authorizeUrl = await connection.StartAuthorizationAsync(user.GetUserId(), options.Value.OAuthRedirectUri, ct);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorizeUrl.Query)["state"].ToString();
        sessionCookie.Issue(context, user.GetUserId(), state);
        return TypedResults.Redirect(authorizeUrl.AbsoluteUri);
    }

    private static async Task<Results<RedirectHttpResult, Ok<GoogleConnectedResponse>, ProblemHttpResult>> CallbackAsync(HttpContext context, string? state, string? code, string? error,
        ConnectionCommands connection, OAuthSessionCookie sessionCookie, IOptions<ServerOptions> options,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var request = context.Request;
        try
        {
            // Checked before the state is consumed or the code exchanged: a mismatch stores nothing.
            if (!sessionCookie.Matches(context, state))
                throw new OAuthCallbackException("session_mismatch",
                    "This Google connection was started in another browser or by another user; sign in and start it again from this browser.");
            await connection.CompleteAuthorizationAsync(state, code, error, options.Value.OAuthRedirectUri, ct);
            return WantsHtml(request)
                ? TypedResults.Redirect($"{ConnectionPage}?connected=1")
                : TypedResults.Ok(new GoogleConnectedResponse(Connected: true));
        }
        catch (OAuthCallbackException e)
        {
            loggers.CreateLogger(typeof(GoogleAuthEndpoints)).LogWarning("OAuth callback refused: {Reason}", e.Code);
            return WantsHtml(request)
                ? TypedResults.Redirect($"{ConnectionPage}?error={Uri.EscapeDataString(e.Message)}")
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Google authorization failed",
                    detail: e.Message, extensions: new Dictionary<string, object?> { ["code"] = e.Code });
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RenewChannelAsync(ClaimsPrincipal user, ConnectionCommands connection,
        ILoggerFactory loggers, CancellationToken ct)
    {
        try
        {
            await connection.RenewChannelAsync(user.GetUserId(), ct);
            return TypedResults.NoContent();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(GoogleAuthEndpoints)).LogWarning(e, "Manual channel renewal failed");
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Channel renewal failed",
                detail: "Google refused to register a new push channel; try again later.");
        }
    }

    /// <summary>Browsers navigating (Accept: text/html) get redirects to the UI; API clients get JSON.</summary>
    private static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
