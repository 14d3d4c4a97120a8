using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>5xx (<c>backendError</c>) after the client's own retries were exhausted; transient.</summary>
internal sealed class BackendException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter), ITransientFailure
{
}
