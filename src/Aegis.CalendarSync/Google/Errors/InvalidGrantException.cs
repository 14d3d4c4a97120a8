using System.Net;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>OAuth <c>invalid_grant</c>: the refresh token (or authorization code) is expired or revoked. Permanent
/// until the user reconnects; the engine disables sync with a reason the UI shows.</summary>
internal sealed class InvalidGrantException(string message)
    : GoogleApiException(HttpStatusCode.BadRequest, InvalidGrantException.ErrorCode, message), IPermanentFailure
{
    public const string ErrorCode = "invalid_grant";
}
