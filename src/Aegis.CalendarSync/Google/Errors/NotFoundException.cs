using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>404 <c>notFound</c>: the calendar or event does not exist (for this user). Retrying cannot change that.</summary>
internal sealed class NotFoundException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter), IPermanentFailure
{
}
