using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Tests.Queue;

public sealed class RateLimitedException(TimeSpan retryAfter) : Exception("429 rateLimitExceeded"), IHasRetryAfter
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

public sealed class InvalidGrantException() : Exception("invalid_grant"), IPermanentFailure;

/// <summary>Google is unavailable (a 503 after the client's own retries).</summary>
public sealed class GoogleUnavailableException() : Exception("503 backendError"), ITransientFailure;
