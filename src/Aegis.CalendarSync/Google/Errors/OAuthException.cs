using System.Net;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>Any other token / revoke endpoint failure (invalid_client, invalid_request, redirect_uri_mismatch, 5xx);
/// <see cref="GoogleApiException.Reason"/> holds the OAuth <c>error</c> code.</summary>
public sealed class OAuthException(HttpStatusCode statusCode, string? error, string message)
    : GoogleApiException(statusCode, error, message)
{
}
