using System.Net;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>410 <c>fullSyncRequired</c> (or <c>updatedMinTooLongAgo</c>): the sync token is invalid or expired; drop it and run a full sync.</summary>
internal sealed class FullSyncRequiredException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter)
{
}
