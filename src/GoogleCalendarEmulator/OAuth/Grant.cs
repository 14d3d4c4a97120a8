namespace GoogleCalendarEmulator.OAuth;

/// <summary>The consent one account gave one client: its refresh token and the access tokens minted from it.</summary>
internal sealed class Grant(string email, string clientId, string scope)
{
    public string Email { get; } = email;
    public string ClientId { get; } = clientId;
    public string Scope { get; set; } = scope;
    public string? RefreshToken { get; set; }
    public HashSet<string> AccessTokens { get; } = new(StringComparer.Ordinal);
}
