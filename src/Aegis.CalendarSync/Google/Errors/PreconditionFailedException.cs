using System.Net;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>412 <c>conditionNotMet</c>: the If-Match etag is stale; the event changed in Google since it was last read. Re-read and resolve.</summary>
internal sealed class PreconditionFailedException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter)
{
}
