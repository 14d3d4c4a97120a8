using System.Net;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>A Google API (or OAuth endpoint) error, carrying Google's HTTP status and first error <c>reason</c>.
/// Subclasses are chosen by <see cref="GoogleErrorClassifier"/>; catch the subclass for a specific rule.</summary>
public class GoogleApiException : Exception
{
    public GoogleApiException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Google's <c>errors[0].reason</c> (e.g. fullSyncRequired, conditionNotMet) or the OAuth <c>error</c> code.</summary>
    public string? Reason { get; }

    /// <summary>From the response's Retry-After header, when present.</summary>
    public TimeSpan? RetryAfter { get; }
}
