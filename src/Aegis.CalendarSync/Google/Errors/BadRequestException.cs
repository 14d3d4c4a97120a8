using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>400 (badRequest, invalid, timeRangeEmpty...): the request itself is wrong; retrying the same request cannot succeed.</summary>
internal sealed class BadRequestException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter), IPermanentFailure
{
}
