using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>429, or 403 with <c>rateLimitExceeded</c> / <c>userRateLimitExceeded</c> / <c>quotaExceeded</c>,
/// after the client's own backoff retries were exhausted. <see cref="GoogleApiException.RetryAfter"/> comes from
/// the Retry-After header when Google sent one.</summary>
internal sealed class RateLimitedException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter), IHasRetryAfter, ITransientFailure
{
}
