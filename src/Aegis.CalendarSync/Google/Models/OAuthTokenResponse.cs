using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Google.Models;

/// <summary>Token endpoint success body. <see cref="RefreshToken"/> is only present on the first
/// authorization_code exchange with access_type=offline (Google does not rotate refresh tokens).</summary>
public sealed record OAuthTokenResponse
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }
}

/// <summary>Token / revoke endpoint error body, e.g. <c>{"error":"invalid_grant","error_description":"Token has been expired or revoked."}</c>.</summary>
public sealed record OAuthErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
