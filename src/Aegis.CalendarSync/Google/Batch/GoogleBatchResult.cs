using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Google.Batch;

/// <summary>The outcome of one call of a batch: the event Google returned (null for a delete), or the typed exception
/// the same call on its own would have thrown (e.g. <see cref="DuplicateException"/>, <see cref="PreconditionFailedException"/>,
/// <see cref="RateLimitedException"/> with its Retry-After).</summary>
public sealed record GoogleBatchResult(GoogleBatchOperation Operation, GoogleEvent? Event, GoogleApiException? Error)
{
    public bool Succeeded => Error is null;
}
