using System.Net;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>401 <c>authError</c> that persisted after one token refresh and one retry.</summary>
internal sealed class AuthErrorException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter)
{
}
