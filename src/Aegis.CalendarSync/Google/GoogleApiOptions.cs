namespace Aegis.CalendarSync.Google;

/// <summary>Configuration section "Google". Only the base URLs differ between Google and the emulator, which serves
/// Google's own paths (/calendar/v3/…, /o/oauth2/v2/auth, /token, /revoke).</summary>
public sealed class GoogleApiOptions
{
    public const string SectionName = "Google";
    public const string CalendarScope = "https://www.googleapis.com/auth/calendar";
    public const int DefaultRequestsPerUserPerMinute = 600;

    /// <summary>Root URL; must end with '/'. Calendar paths are appended as <c>calendar/v3/…</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://www.googleapis.com/";
    public string OAuthAuthorizeUrl { get; set; } = "https://accounts.google.com/o/oauth2/v2/auth";
    public string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";
    public string RevokeUrl { get; set; } = "https://oauth2.googleapis.com/revoke";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string[] Scopes { get; set; } = [CalendarScope];

    /// <summary>Google's per-user quota: calls per sliding minute per user per project (Google: 600). The client
    /// keeps every user within it (see <see cref="GoogleQuota"/> for the exact guarantee).</summary>
    public int RequestsPerUserPerMinute { get; set; } = DefaultRequestsPerUserPerMinute;

    /// <summary>Google's per-project quota: calls per sliding minute of the whole deployment (Google: 10,000), shared by
    /// every user and, on PostgreSQL, by every node.</summary>
    public int RequestsPerProjectPerMinute { get; set; } = 10_000;

    /// <summary>Calls one user (and the project) may send at once after a quiet spell: a full batch request (Google's
    /// limit, <see cref="GoogleCalendarClient.MaxBatchCalls"/>) by default, so one request of 50 calls goes at once.
    /// The burst is paid for by the sustained rate: (quota − burst) calls per minute, so that no sliding minute ever
    /// holds more than the quota.</summary>
    public int BurstCalls { get; set; } = GoogleCalendarClient.MaxBatchCalls;

    /// <summary>Deprecated form of <see cref="RequestsPerUserPerMinute"/> (until session 5 the client's only budget: a
    /// per-second token bucket). When set, n means a per-user quota of 60 n calls per sliding minute; setting it
    /// together with a non-default <see cref="RequestsPerUserPerMinute"/> fails start-up.</summary>
    public int? RequestsPerSecond { get; set; }

    /// <summary>The per-user quota in force: <see cref="RequestsPerUserPerMinute"/>, or 60 x the deprecated
    /// <see cref="RequestsPerSecond"/> when that is set.</summary>
    public int UserQuotaPerMinute => RequestsPerSecond is { } perSecond ? perSecond * 60 : RequestsPerUserPerMinute;

    /// <summary>Most calls one batch request carries: the burst (at most Google's 50). Every call of a request is
    /// sent at the same instant, so a request can carry no more calls than may go at once.</summary>
    public int MaxCallsPerBatchRequest => Math.Clamp(BurstCalls, 1, GoogleCalendarClient.MaxBatchCalls);

    /// <summary>The budget's pacing parameters (per-user and per-project intervals, burst).</summary>
    public GoogleQuota Quota => new(UserQuotaPerMinute, RequestsPerProjectPerMinute, MaxCallsPerBatchRequest);

    /// <summary>How far ahead a request may wait for its budget, in per-user intervals (<see cref="GoogleQuota.UserInterval"/>:
    /// 60 s / (quota − burst), 109 ms by default, so 1000 allows up to ~109 s); a request that would wait longer is
    /// refused with <see cref="Errors.RateLimitedException"/> (its queue item retries later) and reserves nothing.</summary>
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
