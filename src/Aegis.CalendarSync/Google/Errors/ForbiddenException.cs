using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>403 other than a rate limit (e.g. forbidden, insufficientPermissions): access is denied.</summary>
internal sealed class ForbiddenException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter), IPermanentFailure
{
}
