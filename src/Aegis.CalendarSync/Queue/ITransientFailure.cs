namespace Aegis.CalendarSync.Queue;

/// <summary>Marks an exception that says "the other side is unavailable right now" (e.g. Google 5xx, a rate limit):
/// after its quick retries such an item moves on to the slow retries (<see cref="QueueOptions.SlowRetryDelays"/>)
/// instead of becoming a dead letter. Network errors and timeouts count as transient without the marker.</summary>
internal interface ITransientFailure;
