namespace GoogleCalendarEmulator.OAuth;

/// <summary>A single-use authorization code; valid for <see cref="OAuthStore.CodeLifetime"/>.</summary>
internal sealed class AuthorizationCode(string value, AuthorizationRequest request, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;
    public AuthorizationRequest Request { get; } = request;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public bool Used { get; set; }
}
