namespace GoogleCalendarEmulator.Hosting;

/// <summary>Configuration of one emulator instance. Every time-dependent behaviour reads <see cref="TimeProvider"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Lifetime of issued access tokens (Google: 3600 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Sustained Calendar API requests per second per account before quota errors.</summary>
    public int RateLimitPerSecond { get; set; } = 10;

    /// <summary>403 (usageLimits/userRateLimitExceeded) or 429 (usageLimits/rateLimitExceeded) when over quota.</summary>
    public int RateLimitStatusCode { get; set; } = 403;

    /// <summary>When true, the authorize endpoint redirects straight back with a code instead of showing a consent page.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>Account used at authorize time when no login_hint is given.</summary>
    public string DefaultAccountEmail { get; set; } = "demo@example.com";

    /// <summary>Registered OAuth clients. Defaults to the local development client.</summary>
    public List<OAuthClientRegistration> Clients { get; set; } = [OAuthClientRegistration.DefaultLocalClient()];

    /// <summary>Longest lifetime a watch channel may be given; longer requests are capped.</summary>
    public TimeSpan MaxChannelTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Source of all time: token expiry, code expiry, channel expiry, updated timestamps, quota refill, injected latency.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
