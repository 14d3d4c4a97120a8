namespace Aegis.CalendarSync.Queue;

/// <summary>An exception that knows when to try again (e.g. HTTP 429/403 with Retry-After). The queue waits at least
/// <see cref="RetryAfter"/> instead of the exponential backoff.</summary>
internal interface IHasRetryAfter
{
    TimeSpan? RetryAfter { get; }
}
