using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>410 <c>deleted</c>: the event was already deleted. For a delete this means the goal is reached.</summary>
internal sealed class ResourceDeletedException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter), IPermanentFailure
{
}
