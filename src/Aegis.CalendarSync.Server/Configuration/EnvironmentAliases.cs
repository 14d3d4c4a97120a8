namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Maps the documented flat environment variable names onto the hierarchical option keys, so
/// <c>GOOGLE_CLIENT_ID=…</c> and <c>Google__ClientId=…</c> are equivalent. A flat name wins when both are set.</summary>
public static class EnvironmentAliases
{
    public static readonly IReadOnlyList<(string Flat, string Key)> Map =
    [
        ("GOOGLE_CLIENT_ID", "Google:ClientId"),
        ("GOOGLE_CLIENT_SECRET", "Google:ClientSecret"),
        ("GOOGLE_API_BASE_URL", "Google:ApiBaseUrl"),
        ("GOOGLE_OAUTH_AUTHORIZE_URL", "Google:OAuthAuthorizeUrl"),
        ("GOOGLE_TOKEN_URL", "Google:TokenUrl"),
        ("GOOGLE_REVOKE_URL", "Google:RevokeUrl"),
        ("PUBLIC_BASE_URL", "Server:PublicBaseUrl"),
        ("PUBLIC_BASE_URL", "Connection:PublicBaseUrl"),
        ("STORE_PROVIDER", "Store:Provider"),
        ("STORE_CONNECTION_STRING", "Store:ConnectionString"),
        ("STORE_DATA_DIRECTORY", "Store:DataDirectory"),
        ("METRICS_TOKEN", "Metrics:Token"),
        ("EMULATOR_PORT", "Emulator:Port"),
    ];

    /// <summary>Adds the aliased values as the highest-priority configuration source.</summary>
    public static void Apply(IConfigurationManager configuration)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var (flat, key) in Map)
        {
            var value = configuration[flat];
            if (!string.IsNullOrWhiteSpace(value)) overrides[key] = value;
        }
        // The engine's Connection:PublicBaseUrl (webhook address) and the host's Server:PublicBaseUrl (OAuth
        // redirect) must name the same host; setting either one sets both. Neither set: the address bound with
        // --urls / ASPNETCORE_URLS, so another port still receives its own OAuth callback and webhooks.
        if (!overrides.ContainsKey("Connection:PublicBaseUrl"))
        {
            var publicBaseUrl = configuration["Connection:PublicBaseUrl"] ?? configuration["Server:PublicBaseUrl"]
                ?? BoundAddress.PublicBaseUrl(configuration["urls"]);
            if (!string.IsNullOrWhiteSpace(publicBaseUrl))
            {
                overrides["Connection:PublicBaseUrl"] = publicBaseUrl;
                overrides["Server:PublicBaseUrl"] = publicBaseUrl;
            }
        }
        if (overrides.Count > 0) configuration.AddInMemoryCollection(overrides);
    }
}
