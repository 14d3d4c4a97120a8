namespace Aegis.CalendarSync.Google;

/// <summary>Configuration section "Google". Only the base URLs differ between Google and the emulator, which serves
/// Google's own paths (/calendar/v3/…, /o/oauth2/v2/auth, /token, /revoke).</summary>
public sealed class GoogleApiOptions
{
    public const string SectionName = "Google";
    public const string CalendarScope = "https://www.googleapis.com/auth/calendar";

    /// <summary>Root URL; must end with '/'. Calendar paths are appended as <c>calendar/v3/…</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://www.googleapis.com/";
    public string OAuthAuthorizeUrl { get; set; } = "https://accounts.google.com/o/oauth2/v2/auth";
    public string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";
    public string RevokeUrl { get; set; } = "https://oauth2.googleapis.com/revoke";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string[] Scopes { get; set; } = [CalendarScope];

    /// <summary>Token-bucket rate per Google account (burst = one second's worth). Google's per-user quota is
    /// 600 requests/min, i.e. 10/s sustained.</summary>
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>Most calls one batch request carries: Google's limit (<see cref="GoogleCalendarClient.MaxBatchCalls"/>),
    /// at most the rate limiter's burst (<see cref="RequestsPerSecond"/>). Every call of a request is sent at the same
    /// instant, so a request of more calls than the burst would put more calls into one second than the budget allows;
    /// a larger group of writes goes as several requests, which the limiter paces.</summary>
    public int MaxCallsPerBatchRequest => Math.Clamp(RequestsPerSecond, 1, GoogleCalendarClient.MaxBatchCalls);

    /// <summary>Requests allowed to wait for a token per account before further ones are rejected.</summary>
    public int RateLimitQueueLimit { get; set; } = 1000;

    /// <summary>Retries after the first attempt for 429 / 403-rate / 5xx / 408 / timeouts / network errors.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry with jitter. A Retry-After header overrides it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one HTTP attempt (a timed-out attempt is retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refresh an access token when it expires within this margin.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    internal Uri ApiBaseUri => new(ApiBaseUrl, UriKind.Absolute);
}
