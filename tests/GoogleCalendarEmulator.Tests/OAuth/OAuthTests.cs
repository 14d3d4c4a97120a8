using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.OAuth;

public sealed class OAuthTests : IAsyncLifetime
{
    private const string ExpiredOrRevoked = """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""";
    private const string AuthError = """
        {"error":{"errors":[{"domain":"global","reason":"authError","message":"Invalid Credentials","locationType":"header","location":"Authorization"}],"code":401,"message":"Invalid Credentials"}}
        """;

    private EmulatorSession _emulator = null!;
    private OAuthFlow _flow = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorSession.StartAsync();
        _flow = new OAuthFlow(_emulator.Http);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private CalendarApi ApiWith(string accessToken)
    {
        var client = _emulator.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new CalendarApi(client);
    }

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    [Fact]
    public async Task Code_with_pkce_exchanges_for_tokens_that_call_the_api()
    {
        var verifier = OAuthFlow.NewVerifier();
        var redirect = await _flow.AuthorizeAsync(OAuthFlow.S256(verifier), loginHint: "alice@example.com");

        var (status, tokens) = await _flow.ExchangeAsync(redirect["code"], verifier);

        Assert.Equal("xyz", redirect["state"]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("ya29.", (string?)tokens["access_token"]);
        Assert.Equal(3600, (int?)tokens["expires_in"]);
        Assert.Equal("Bearer", (string?)tokens["token_type"]);
        Assert.Equal(OAuthFlow.Scope, (string?)tokens["scope"]);
        Assert.NotNull((string?)tokens["refresh_token"]);

        var primary = await ApiWith((string)tokens["access_token"]!).SendAsync(HttpMethod.Get, "calendar/v3/calendars/primary", null);
        Assert.Equal("alice@example.com", primary.Id);
    }

    [Fact]
    public async Task Wrong_pkce_verifier_is_invalid_grant()
    {
        var redirect = await _flow.AuthorizeAsync(OAuthFlow.S256(OAuthFlow.NewVerifier()));

        var (status, body) = await _flow.ExchangeAsync(redirect["code"], OAuthFlow.NewVerifier());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);
    }

    [Fact]
    public async Task Missing_pkce_verifier_is_invalid_grant_when_a_challenge_was_sent()
    {
        var redirect = await _flow.AuthorizeAsync(OAuthFlow.S256(OAuthFlow.NewVerifier()));

        var (status, body) = await _flow.ExchangeAsync(redirect["code"], verifier: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);
    }

    [Fact]
    public async Task Reused_code_is_invalid_grant()
    {
        var redirect = await _flow.AuthorizeAsync();
        Assert.Equal(HttpStatusCode.OK, (await _flow.ExchangeAsync(redirect["code"])).Status);

        var (status, body) = await _flow.ExchangeAsync(redirect["code"]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);
    }

    [Fact]
    public async Task Code_older_than_ten_minutes_is_invalid_grant()
    {
        var redirect = await _flow.AuthorizeAsync();
        _emulator.Time.Advance(TimeSpan.FromMinutes(10));

        var (status, body) = await _flow.ExchangeAsync(redirect["code"]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);
    }

    [Fact]
    public async Task Different_redirect_uri_at_exchange_is_rejected()
    {
        var redirect = await _flow.AuthorizeAsync();

        var (status, body) = await _flow.ExchangeAsync(redirect["code"], redirectUri: "http://127.0.0.1:5000/other");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("redirect_uri_mismatch", (string?)body["error"]);
    }

    [Fact]
    public async Task Refresh_issues_a_new_access_token_without_a_new_refresh_token_and_second_code_gets_none()
    {
        var (_, first) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync())["code"]);

        var (status, refreshed) = await _flow.RefreshAsync((string)first["refresh_token"]!);
        var (_, second) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync())["code"]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual((string?)first["access_token"], (string?)refreshed["access_token"]);
        Assert.Null(refreshed["refresh_token"]);
        Assert.Null(second["refresh_token"]);
    }

    [Fact]
    public async Task A_second_consent_issues_another_refresh_token_and_the_first_keeps_working()
    {
        var (_, first) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync(prompt: "consent"))["code"]);
        var (_, second) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync(prompt: "consent"))["code"]);

        var (firstStatus, firstRefreshed) = await _flow.RefreshAsync((string)first["refresh_token"]!);
        var (secondStatus, _) = await _flow.RefreshAsync((string)second["refresh_token"]!);

        Assert.NotEqual((string?)first["refresh_token"], (string?)second["refresh_token"]);
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal(HttpStatusCode.OK, (await ApiWith((string)firstRefreshed["access_token"]!).ListAsync()).Status);
        Assert.Equal(HttpStatusCode.OK, (await ApiWith((string)first["access_token"]!).ListAsync()).Status);
    }

    [Fact]
    public async Task Beyond_100_live_refresh_tokens_per_account_and_client_the_oldest_stops_working()
    {
        var issued = new List<string>();
        for (var i = 0; i < 101; i++)
        {
            var (_, tokens) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync(prompt: "consent"))["code"]);
            issued.Add((string)tokens["refresh_token"]!);
        }

        var (otherAccount, _) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync(loginHint: "other@example.com", prompt: "consent"))["code"]);
        var (oldest, oldestBody) = await _flow.RefreshAsync(issued[0]);
        var (second, _) = await _flow.RefreshAsync(issued[1]);
        var (newest, _) = await _flow.RefreshAsync(issued[^1]);

        Assert.Equal(HttpStatusCode.OK, otherAccount);
        Assert.Equal(101, issued.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, oldest);
        AssertJson(ExpiredOrRevoked, oldestBody);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(HttpStatusCode.OK, newest);
    }

    [Fact]
    public async Task Revoking_one_of_several_refresh_tokens_revokes_the_whole_grant()
    {
        var (_, first) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync(prompt: "consent"))["code"]);
        var (_, second) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync(prompt: "consent"))["code"]);

        using var revoke = await _emulator.Http.PostAsync($"revoke?token={Uri.EscapeDataString((string)second["refresh_token"]!)}", null);
        var (status, body) = await _flow.RefreshAsync((string)first["refresh_token"]!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertJson(ExpiredOrRevoked, body);
    }

    [Fact]
    public async Task Revoking_the_refresh_token_revokes_the_grant()
    {
        var (_, tokens) = await _flow.ExchangeAsync((await _flow.AuthorizeAsync())["code"]);
        var refreshToken = (string)tokens["refresh_token"]!;

        using var revoke = await _emulator.Http.PostAsync($"revoke?token={Uri.EscapeDataString(refreshToken)}", null);
        using var again = await _emulator.Http.PostAsync($"revoke?token={Uri.EscapeDataString(refreshToken)}", null);
        var (status, body) = await _flow.RefreshAsync(refreshToken);
        var call = await ApiWith((string)tokens["access_token"]!).ListAsync();

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid_token", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertJson(ExpiredOrRevoked, body);
        call.AssertGoogleError(HttpStatusCode.Unauthorized, AuthError);
    }

    [Fact]
    public async Task Access_token_is_rejected_with_401_once_its_lifetime_passes()
    {
        var tokens = await _emulator.Admin.IssueTokensAsync(EmulatorSession.Email);
        var api = ApiWith(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.ListAsync()).Status);

        _emulator.Time.Advance(TimeSpan.FromSeconds(3600));

        (await api.ListAsync()).AssertGoogleError(HttpStatusCode.Unauthorized, AuthError);
    }

    [Fact]
    public async Task Missing_or_unknown_bearer_token_is_401_auth_error()
    {
        (await new CalendarApi(_emulator.NewClient()).ListAsync()).AssertGoogleError(HttpStatusCode.Unauthorized, AuthError);
        (await ApiWith("ya29.forged").ListAsync()).AssertGoogleError(HttpStatusCode.Unauthorized, AuthError);
    }

    [Fact]
    public async Task Admin_expire_and_revoke_make_tokens_fail_as_at_google()
    {
        var tokens = await _emulator.Admin.IssueTokensAsync(EmulatorSession.Email);

        await _emulator.Admin.ExpireAccessTokensAsync(EmulatorSession.Email);
        var expiredCall = await ApiWith(tokens.AccessToken).ListAsync();
        var (refreshStatus, refreshed) = await _flow.RefreshAsync(tokens.RefreshToken!);
        await _emulator.Admin.RevokeGrantsAsync(EmulatorSession.Email);
        var (revokedStatus, revokedBody) = await _flow.RefreshAsync(tokens.RefreshToken!);

        expiredCall.AssertGoogleError(HttpStatusCode.Unauthorized, AuthError);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.NotNull((string?)refreshed["access_token"]);
        Assert.Equal(HttpStatusCode.BadRequest, revokedStatus);
        AssertJson(ExpiredOrRevoked, revokedBody);
    }

    [Fact]
    public async Task Token_endpoint_reports_client_and_grant_type_errors()
    {
        var (badClient, badClientBody) = await _flow.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = "aegis-local-client", ["client_secret"] = "wrong" });
        var (badGrant, badGrantBody) = await _flow.TokenAsync(new() { ["grant_type"] = "password" });
        var (missing, missingBody) = await _flow.TokenAsync(new() { ["client_id"] = "aegis-local-client" });

        Assert.Equal(HttpStatusCode.Unauthorized, badClient);
        Assert.Equal("invalid_client", (string?)badClientBody["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, badGrant);
        Assert.Equal("unsupported_grant_type", (string?)badGrantBody["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("invalid_request", (string?)missingBody["error"]);
    }

    [Fact]
    public async Task Unregistered_redirect_uri_shows_an_error_page_instead_of_redirecting()
    {
        using var response = await _emulator.Http.GetAsync(OAuthFlow.AuthorizeUrl(redirectUri: "https://evil.example.com/cb"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("redirect_uri_mismatch", await response.Content.ReadAsStringAsync());
    }
}

public sealed class ConsentPageTests : IAsyncLifetime
{
    private EmulatorSession _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorSession.StartAsync(o => o.AutoApprove = false);

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private async Task<HttpResponseMessage> DecideAsync(string decision)
    {
        var page = await _emulator.Http.GetStringAsync(OAuthFlow.AuthorizeUrl());
        var requestId = System.Text.RegularExpressions.Regex.Match(page, "name=\"request_id\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("id=\"allow\"", page);
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("request_id", requestId), KeyValuePair.Create("decision", decision)]);
        return await _emulator.Http.PostAsync("o/oauth2/v2/auth/consent", form);
    }

    [Fact]
    public async Task Allow_on_the_consent_page_redirects_with_a_code()
    {
        using var response = await DecideAsync("allow");

        var query = OAuthFlow.RedirectQuery(response);
        Assert.Equal("xyz", query["state"]);
        Assert.StartsWith("4/", query["code"]);
    }

    [Fact]
    public async Task Deny_on_the_consent_page_redirects_with_access_denied()
    {
        using var response = await DecideAsync("deny");

        var query = OAuthFlow.RedirectQuery(response);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("xyz", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }
}
