namespace GoogleCalendarEmulator.Hosting;

/// <summary>An OAuth client known to the emulator.</summary>
public sealed class OAuthClientRegistration
{
    public const string DefaultClientId = "aegis-local-client";
    public const string DefaultClientSecret = "aegis-local-secret";

    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }

    /// <summary>Redirect URIs accepted by exact string match.</summary>
    public List<string> RedirectUris { get; init; } = [];

    /// <summary>Also accept any http://127.0.0.1[:port]/… or http://localhost[:port]/… redirect (Google's rule for installed apps).</summary>
    public bool AllowLoopbackRedirects { get; init; }

    public static OAuthClientRegistration DefaultLocalClient() => new()
    {
        ClientId = DefaultClientId,
        ClientSecret = DefaultClientSecret,
        AllowLoopbackRedirects = true,
    };

    internal bool AcceptsRedirect(string redirectUri)
    {
        if (RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return true;
        }

        return AllowLoopbackRedirects
            && Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && (uri.Host == "127.0.0.1" || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            && string.IsNullOrEmpty(uri.Fragment);
    }
}
