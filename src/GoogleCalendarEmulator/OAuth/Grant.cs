namespace GoogleCalendarEmulator.OAuth;

/// <summary>The consent one account gave one client: its live refresh tokens (oldest first; every consent with
/// <c>prompt=consent</c> adds one, as at Google) and the access tokens minted from them.</summary>
internal sealed class Grant(string email, string clientId, string scope)
{
    public string Email { get; } = email;
    public string ClientId { get; } = clientId;
    public string Scope { get; set; } = scope;
    public List<string> RefreshTokens { get; } = [];
    public HashSet<string> AccessTokens { get; } = new(StringComparer.Ordinal);
}
