using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google.Auth;

/// <summary>Google's OAuth 2.0 endpoints (authorize URL, token, revoke) for a web server app with PKCE.</summary>
/// <remarks>Why not Google.Apis.Auth's <c>GoogleAuthorizationCodeFlow</c>: its URLs can be overridden, but the flow
/// owns token persistence (an <c>IDataStore</c> keyed by string user ids, storing plaintext), its own clock
/// (<c>IClock</c>, not <see cref="TimeProvider"/>) and its own HTTP stack (<c>ConfigurableHttpClient</c>, outside
/// IHttpClientFactory, so none of our resilience handlers apply), and reports failures as
/// <c>TokenResponseException</c>. The three form posts below are smaller than the adapters needed to make it
/// store encrypted tokens through <see cref="ITokenStore"/>, refresh single-flight and be tested with
/// FakeTimeProvider.</remarks>
public sealed class GoogleOAuthClient(HttpClient http, IOptions<GoogleApiOptions> options)
{
    private readonly GoogleApiOptions _options = options.Value;

    /// <summary>The consent URL: response_type=code, access_type=offline and prompt=consent (so Google issues a
    /// refresh token even on reconnect), PKCE S256.</summary>
    public Uri BuildAuthorizationUrl(Uri redirectUri, string state, string codeChallenge)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentException.ThrowIfNullOrEmpty(codeChallenge);
        var query = string.Join('&', new[]
        {
            ("client_id", _options.ClientId),
            ("redirect_uri", redirectUri.AbsoluteUri),
            ("response_type", "code"),
            ("scope", string.Join(' ', _options.Scopes)),
            ("access_type", "offline"),
            ("prompt", "consent"),
            ("include_granted_scopes", "true"),
            ("state", state),
            ("code_challenge", codeChallenge),
            ("code_challenge_method", PkceCodes.Method),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var separator = _options.OAuthAuthorizeUrl.Contains('?') ? '&' : '?';
        return new Uri(_options.OAuthAuthorizeUrl + separator + query);
    }

    /// <summary>authorization_code grant with the PKCE verifier.</summary>
    /// <exception cref="InvalidGrantException">The code is invalid, used or expired, or the verifier does not match.</exception>
    public Task<OAuthTokenResponse> ExchangeCodeAsync(string code, string codeVerifier, Uri redirectUri, CancellationToken ct) =>
        PostTokenAsync(
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("code_verifier", codeVerifier),
                new("redirect_uri", redirectUri.AbsoluteUri),
            ],
            ct);

    /// <summary>refresh_token grant. Google returns a new access token and usually no new refresh token.</summary>
    /// <exception cref="InvalidGrantException">The refresh token was revoked or expired.</exception>
    public Task<OAuthTokenResponse> RefreshAsync(string refreshToken, CancellationToken ct) =>
        PostTokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], ct);

    /// <summary>Revokes the grant (revoking either token revokes both). An already invalid token (400
    /// invalid_token) counts as revoked.</summary>
    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.RevokeUrl}?token={Uri.EscapeDataString(token)}")
        {
            Content = new FormUrlEncodedContent([]),
        };
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ReadErrorAsync(response, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && error?.Error is "invalid_token")
        {
            return;
        }

        throw ToException(response.StatusCode, error);
    }

    private async Task<OAuthTokenResponse> PostTokenAsync(List<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        form.Add(new("client_id", _options.ClientId));
        form.Add(new("client_secret", _options.ClientSecret));
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ToException(response.StatusCode, await ReadErrorAsync(response, ct).ConfigureAwait(false));
        }

        return await response.Content.ReadFromJsonAsync(GoogleJsonContext.Default.OAuthTokenResponse, ct).ConfigureAwait(false)
            ?? throw new OAuthException(response.StatusCode, null, "Token endpoint returned an empty body.");
    }

    private static async Task<OAuthErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(GoogleJsonContext.Default.OAuthErrorResponse, ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static GoogleApiException ToException(HttpStatusCode status, OAuthErrorResponse? error)
    {
        var message = error?.ErrorDescription ?? error?.Error ?? $"OAuth endpoint returned HTTP {(int)status}.";
        return error?.Error == InvalidGrantException.ErrorCode
            ? new InvalidGrantException(message)
            : new OAuthException(status, error?.Error, message);
    }
}
