using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Tests.Queue;

public sealed class RateLimitedException(TimeSpan retryAfter) : Exception("429 rateLimitExceeded"), IHasRetryAfter
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

public sealed class InvalidGrantException() : Exception("invalid_grant"), IPermanentFailure;
