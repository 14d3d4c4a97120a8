using System.Web;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Errors;

namespace Aegis.CalendarSync.Tests.Google;

public sealed class GoogleOAuthClientTests
{
    private static readonly Uri RedirectUri = new("https://aegis.example/api/google/auth/callback");

    [Fact]
    public async Task Authorization_url_requests_offline_calendar_access_with_pkce_s256()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => Task.CompletedTask, connectUser: false);
        var pkce = PkceCodes.Create();

        var url = harness.OAuth.BuildAuthorizationUrl(RedirectUri, "state-123", pkce.Challenge);

        Assert.Equal(new Uri(harness.Server.BaseAddress, "o/oauth2/v2/auth").AbsolutePath, url.AbsolutePath);
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("client-id.apps.googleusercontent.com", query["client_id"]);
        Assert.Equal(RedirectUri.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("https://www.googleapis.com/auth/calendar", query["scope"]);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal("state-123", query["state"]);
        Assert.Equal(pkce.Challenge, query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
    }

    [Fact]
    public void Pkce_challenge_is_the_rfc7636_s256_of_the_verifier()
    {
        // RFC 7636 Appendix B test vector.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", PkceCodes.ChallengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        var codes = PkceCodes.Create();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", codes.Verifier);
        Assert.NotEqual(codes.Verifier, PkceCodes.Create().Verifier);
    }

    [Fact]
    public async Task Code_exchange_posts_the_code_verifier_and_returns_both_tokens()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx,
            """{"access_token":"ya29.a","expires_in":3599,"refresh_token":"1//r","scope":"https://www.googleapis.com/auth/calendar","token_type":"Bearer"}"""), connectUser: false);

        var tokens = await harness.OAuth.ExchangeCodeAsync("4/code", "verifier-abc", RedirectUri, CancellationToken.None);

        Assert.Equal(("ya29.a", "1//r", 3599), (tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn));
        var form = HttpUtility.ParseQueryString(harness.Server.Requests.Single().Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("4/code", form["code"]);
        Assert.Equal("verifier-abc", form["code_verifier"]);
        Assert.Equal(RedirectUri.AbsoluteUri, form["redirect_uri"]);
        Assert.Equal("client-secret", form["client_secret"]);
    }

    [Fact]
    public async Task Used_authorization_code_fails_with_invalid_grant()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx,
            """{"error":"invalid_grant","error_description":"Bad Request"}""", 400), connectUser: false);

        await Assert.ThrowsAsync<InvalidGrantException>(() => harness.OAuth.ExchangeCodeAsync("4/used", "v", RedirectUri, CancellationToken.None));
    }

    [Fact]
    public async Task Other_token_endpoint_errors_keep_the_oauth_error_code()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx,
            """{"error":"invalid_client","error_description":"The OAuth client was not found."}""", 401), connectUser: false);

        var ex = await Assert.ThrowsAsync<OAuthException>(() => harness.OAuth.RefreshAsync("r", CancellationToken.None));

        Assert.Equal("invalid_client", ex.Reason);
        Assert.Equal("The OAuth client was not found.", ex.Message);
    }

    [Fact]
    public async Task Revoke_posts_the_token_and_treats_an_already_invalid_token_as_revoked()
    {
        var calls = 0;
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => Interlocked.Increment(ref calls) == 1
            ? Task.CompletedTask
            : GoogleResponses.Json(ctx, """{"error":"invalid_token","error_description":"Token expired or revoked"}""", 400), connectUser: false);

        await harness.OAuth.RevokeAsync("1//r", CancellationToken.None);
        await harness.OAuth.RevokeAsync("1//r", CancellationToken.None);

        Assert.All(harness.Server.Requests, r => Assert.Equal(("POST", "/revoke", "1//r"), (r.Method, r.Path, r.Query["token"].ToString())));
    }
}
