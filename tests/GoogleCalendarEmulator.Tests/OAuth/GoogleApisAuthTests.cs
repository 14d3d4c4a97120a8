using System.Net;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using GoogleCalendarEmulator.Hosting;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.OAuth;

/// <summary>Google's own client library (Google.Apis.Auth), unchanged except for its server URLs, against the emulator.</summary>
public sealed class GoogleApisAuthTests : IAsyncLifetime
{
    private EmulatorSession _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorSession.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Official_pkce_flow_exchanges_refreshes_and_revokes()
    {
        var baseUri = _emulator.Host.BaseUri;
        using var flow = new PkceGoogleAuthorizationCodeFlow(new EmulatorInitializer(
            authorizationServerUrl: new Uri(baseUri, "o/oauth2/v2/auth").ToString(),
            tokenServerUrl: new Uri(baseUri, "token").ToString(),
            revokeTokenUrl: new Uri(baseUri, "revoke").ToString())
        {
            ClientSecrets = new ClientSecrets { ClientId = OAuthClientRegistration.DefaultClientId, ClientSecret = OAuthClientRegistration.DefaultClientSecret },
            Scopes = [OAuthFlow.Scope],
        });

        var authorizeUrl = flow.CreateAuthorizationCodeRequest(OAuthFlow.RedirectUri, out var codeVerifier).Build();
        using var redirect = await _emulator.Http.GetAsync(authorizeUrl);
        var code = OAuthFlow.RedirectQuery(redirect)["code"];

        var token = await flow.ExchangeCodeForTokenAsync("user", code, codeVerifier, OAuthFlow.RedirectUri, CancellationToken.None);
        var refreshed = await flow.RefreshTokenAsync("user", token.RefreshToken, CancellationToken.None);
        await flow.RevokeTokenAsync("user", token.RefreshToken, CancellationToken.None);
        var afterRevoke = await Assert.ThrowsAsync<TokenResponseException>(() => flow.RefreshTokenAsync("user", token.RefreshToken, CancellationToken.None));

        Assert.StartsWith("ya29.", token.AccessToken);
        Assert.Equal(3600, token.ExpiresInSeconds);
        Assert.Equal("Bearer", token.TokenType);
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        Assert.Equal(token.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, afterRevoke.StatusCode);
        Assert.Equal("invalid_grant", afterRevoke.Error.Error);
        Assert.Equal("Token has been expired or revoked.", afterRevoke.Error.ErrorDescription);
    }

    /// <summary>The library's own extension point for non-default server URLs (its constructor is protected).</summary>
    private sealed class EmulatorInitializer(string authorizationServerUrl, string tokenServerUrl, string revokeTokenUrl)
        : GoogleAuthorizationCodeFlow.Initializer(authorizationServerUrl, tokenServerUrl, revokeTokenUrl);
}
