namespace GoogleCalendarEmulator.OAuth;

/// <summary>An access token and when it stops being accepted.</summary>
internal sealed class IssuedAccessToken(string value, Grant grant, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;
    public Grant Grant { get; } = grant;
    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;
}
