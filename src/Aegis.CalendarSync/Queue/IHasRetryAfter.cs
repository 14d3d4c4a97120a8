namespace Aegis.CalendarSync.Queue;

/// <summary>A failure that says when the operation may be retried (e.g. a Retry-After header); the queue
/// schedules the next attempt no earlier than that.</summary>
public interface IHasRetryAfter
{
    TimeSpan? RetryAfter { get; }
}
