namespace GoogleCalendarEmulator.Hosting;

/// <summary>Configuration of one emulator instance. Every time-dependent behaviour reads <see cref="TimeProvider"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Lifetime of issued access tokens (Google: 3600 s).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Google's "per minute per user per project" quota: Calendar API calls of one account through one OAuth
    /// client within any sliding minute (Google: 600). Batch parts count one each.</summary>
    public int RequestsPerUserPerMinute { get; set; } = 600;

    /// <summary>Google's "per minute per project" quota: Calendar API calls through one OAuth client (the project),
    /// all accounts together, within any sliding minute (Google: 10,000).</summary>
    public int RequestsPerProjectPerMinute { get; set; } = 10_000;

    /// <summary>Status of a call over quota: 403 (usageLimits, <c>userRateLimitExceeded</c> for the user quota,
    /// <c>rateLimitExceeded</c> for the project quota) or 429 (usageLimits/<c>rateLimitExceeded</c>).</summary>
    public int RateLimitStatusCode { get; set; } = 403;

    /// <summary>Most calls one batch request may carry; more fail the whole batch with 400 (see README).</summary>
    public int MaxBatchCalls { get; set; } = 50;

    /// <summary>When true, the authorize endpoint redirects straight back with a code instead of showing a consent page.</summary>
    public bool AutoApprove { get; set; }

    /// <summary>Account used at authorize time when no login_hint is given.</summary>
    public string DefaultAccountEmail { get; set; } = "demo@example.com";

    /// <summary>Registered OAuth clients. Defaults to the local development client.</summary>
    public List<OAuthClientRegistration> Clients { get; set; } = [OAuthClientRegistration.DefaultLocalClient()];

    /// <summary>Longest lifetime a watch channel may be given; longer requests are capped.</summary>
    public TimeSpan MaxChannelTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Source of all time: token expiry, code expiry, channel expiry, updated timestamps, quota windows, injected latency.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
