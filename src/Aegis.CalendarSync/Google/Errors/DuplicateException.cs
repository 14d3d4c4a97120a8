using System.Net;

namespace Aegis.CalendarSync.Google.Errors;

/// <summary>409 <c>duplicate</c>: the client-chosen event id already exists, also when the event is cancelled. With a deterministic id this usually means an earlier attempt (e.g. a retry after a lost response) succeeded: get the event and treat it as ours.</summary>
internal sealed class DuplicateException(HttpStatusCode statusCode, string? reason, string message, TimeSpan? retryAfter = null)
    : GoogleApiException(statusCode, reason, message, retryAfter)
{
}
