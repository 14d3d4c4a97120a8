using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Options section "Server".</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Absolute base URL Google reaches this host at (env PUBLIC_BASE_URL); the OAuth redirect URI is derived
    /// from it here, the webhook address by the engine from the same value (Connection:PublicBaseUrl).</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Lifetime of a bearer token issued by <c>POST /api/auth/token</c>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ApiTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Creates demo@example.com when absent (set in appsettings.Development.json).</summary>
    public bool SeedDemoAccount { get; set; }

    /// <summary>How long the queue-depth gauge reuses one database count (made when the gauge is read; 0: every read counts).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan QueueDepthCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    public Uri OAuthRedirectUri => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), "api/google/auth/callback");
}
