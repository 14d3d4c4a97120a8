using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace GoogleCalendarEmulator.Tests.OAuth;

/// <summary>Drives the authorize and token endpoints over HTTP the way a web-server app does.</summary>
internal sealed class OAuthFlow(HttpClient http)
{
    public const string RedirectUri = "http://127.0.0.1:5000/oauth/callback";
    public const string Scope = "https://www.googleapis.com/auth/calendar";

    public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));

    public static string S256(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string AuthorizeUrl(string? challenge = null, string? loginHint = null, string state = "xyz", string redirectUri = RedirectUri, string? prompt = null) =>
        QueryHelpers.AddQueryString("o/oauth2/v2/auth", new Dictionary<string, string?>
        {
            ["client_id"] = OAuthClientRegistration.DefaultClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = Scope,
            ["access_type"] = "offline",
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challenge is null ? null : "S256",
            ["login_hint"] = loginHint,
            ["prompt"] = prompt,
        }.Where(kv => kv.Value is not null).ToDictionary());

    /// <summary>Follows an auto-approved authorize request and returns the redirect's query parameters.</summary>
    public async Task<Dictionary<string, string>> AuthorizeAsync(string? challenge = null, string? loginHint = null, string? prompt = null)
    {
        using var response = await http.GetAsync(AuthorizeUrl(challenge, loginHint, prompt: prompt));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return RedirectQuery(response);
    }

    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString());
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    public Task<(HttpStatusCode Status, JsonNode Json)> ExchangeAsync(string code, string? verifier = null, string redirectUri = RedirectUri) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = OAuthClientRegistration.DefaultClientId,
            ["client_secret"] = OAuthClientRegistration.DefaultClientSecret,
        });

    public Task<(HttpStatusCode Status, JsonNode Json)> RefreshAsync(string refreshToken) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = OAuthClientRegistration.DefaultClientId,
            ["client_secret"] = OAuthClientRegistration.DefaultClientSecret,
        });

    public async Task<(HttpStatusCode Status, JsonNode Json)> TokenAsync(Dictionary<string, string?> form)
    {
        using var content = new FormUrlEncodedContent(form.Where(kv => kv.Value is not null).Select(kv => KeyValuePair.Create(kv.Key, kv.Value!)));
        using var response = await http.PostAsync("token", content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
