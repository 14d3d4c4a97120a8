using System.Text;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace GoogleCalendarEmulator.OAuth;

/// <summary>Google's OAuth 2.0 endpoints for web-server/installed apps: authorize, token, revoke.</summary>
internal static class OAuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("").AddEndpointFilter<ApiPipelineFilter>();
        oauth.MapGet("/o/oauth2/v2/auth", Authorize).WithMetadata(Op("oauth.authorize"));
        oauth.MapPost(ConsentPage.DecisionPath, DecideAsync).WithMetadata(Op("oauth.consent")).DisableAntiforgery();
        oauth.MapPost("/token", TokenAsync).WithMetadata(Op("oauth.token")).DisableAntiforgery();
        oauth.MapMethods("/revoke", ["GET", "POST"], RevokeAsync).WithMetadata(Op("oauth.revoke")).DisableAntiforgery();
    }

    private static ApiOperation Op(string name) => new(name, RequiresBearerToken: false);

    private static IResult Authorize(HttpContext http, EmulatorState state)
    {
        var query = http.Request.Query;
        string? Param(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v.ToString() : null;

        var client = state.OAuth.FindClient(Param("client_id"));
        if (client is null)
        {
            return ConsentPage.Error("invalid_client", "The OAuth client was not found.");
        }

        var redirectUri = Param("redirect_uri");
        if (redirectUri is null || !client.AcceptsRedirect(redirectUri))
        {
            return ConsentPage.Error("redirect_uri_mismatch", "The redirect URI in the request does not match the ones authorized for the OAuth client.");
        }

        var callerState = Param("state");
        if (Param("response_type") != "code")
        {
            return RedirectWithError(redirectUri, "unsupported_response_type", callerState);
        }

        var scope = Param("scope");
        var challenge = Param("code_challenge");
        var method = Param("code_challenge_method") ?? "plain";
        var prompts = (Param("prompt") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scope is null || (challenge is not null && !Pkce.IsValidMethod(method)) || (prompts.Contains("none") && prompts.Length > 1))
        {
            return RedirectWithError(redirectUri, "invalid_request", callerState);
        }

        var email = Param("login_hint") ?? state.Options.DefaultAccountEmail;
        state.EnsureAccount(email);
        var request = new AuthorizationRequest(
            client.ClientId, redirectUri, email, scope, callerState,
            Offline: Param("access_type") == "offline",
            ForceConsent: prompts.Contains("consent"),
            challenge, method);

        if (state.Options.AutoApprove || (prompts.Contains("none") && state.OAuth.HasGrant(email, client.ClientId)))
        {
            return RedirectWithCode(state, request);
        }

        return prompts.Contains("none")
            ? RedirectWithError(redirectUri, "interaction_required", callerState)
            : ConsentPage.Render(state.OAuth.AddPending(request), request);
    }

    private static async Task<IResult> DecideAsync(HttpContext http, EmulatorState state, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var request = state.OAuth.TakePending(form["request_id"].ToString());
        if (request is null)
        {
            return ConsentPage.Error("invalid_request", "The sign-in request has expired or was already answered.");
        }

        return form["decision"] == "allow"
            ? RedirectWithCode(state, request)
            : RedirectWithError(request.RedirectUri, "access_denied", request.State);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, EmulatorState state, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            throw OAuthException.InvalidRequest("Invalid Content-Type, expected application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v.ToString() : null;

        var grantType = Field("grant_type") ?? throw OAuthException.InvalidRequest("Missing required parameter: grant_type");
        if (grantType is not ("authorization_code" or "refresh_token"))
        {
            throw new OAuthException("unsupported_grant_type", "Invalid grant_type: " + grantType);
        }

        var (clientId, clientSecret) = BasicCredentials(http.Request) ?? (Field("client_id"), Field("client_secret"));
        var client = state.OAuth.Authenticate(clientId, clientSecret);
        var response = grantType == "authorization_code"
            ? state.OAuth.ExchangeCode(client, Field("code"), Field("redirect_uri"), Field("code_verifier"))
            : state.OAuth.Refresh(client, Field("refresh_token"));

        http.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        return Results.Json(response, GoogleJson.Options);
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, EmulatorState state, CancellationToken ct)
    {
        string? token = http.Request.Query["token"];
        if (string.IsNullOrEmpty(token) && http.Request.HasFormContentType)
        {
            token = (await http.Request.ReadFormAsync(ct))["token"];
        }

        return state.OAuth.Revoke(token)
            ? Results.Ok()
            : new OAuthException("invalid_token", "Token expired or revoked").ToResult();
    }

    private static (string? ClientId, string? ClientSecret)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult RedirectWithCode(EmulatorState state, AuthorizationRequest request)
    {
        var parameters = new Dictionary<string, string?>();
        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }

        parameters["code"] = state.OAuth.IssueCode(request);
        parameters["scope"] = request.Scope;
        return Results.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, parameters));
    }

    private static IResult RedirectWithError(string redirectUri, string error, string? callerState)
    {
        var parameters = new Dictionary<string, string?> { ["error"] = error };
        if (callerState is not null)
        {
            parameters["state"] = callerState;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }
}
