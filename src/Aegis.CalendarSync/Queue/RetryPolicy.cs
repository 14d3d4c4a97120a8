using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Queue;

/// <summary>Decides what a failed attempt leads to. A permanent failure (<see cref="IPermanentFailure"/>: 400,
/// 404, invalid_grant ...) is a dead letter at once. Otherwise the first <see cref="QueueOptions.MaxRetries"/>
/// retries are quick (<see cref="RetryBackoff.Delay"/>); after them a transient failure
/// (<see cref="FailureClassifier.IsTransient"/>) takes the slow retries in order
/// (<see cref="QueueOptions.SlowRetrySchedule"/>, default 5 min, 30 min, 2 h, 12 h, each with jitter and at least
/// the Retry-After hint), and any other failure, or a transient one after the last slow retry, is a dead letter.
/// <paramref name="retryCount"/> is the item's count before this failure: retry n is the item's n-th retry.</summary>
public sealed class RetryPolicy(IOptions<QueueOptions> options, RetryBackoff backoff, TimeProvider time)
{
    public RetryDecision Decide(int retryCount, Exception failure)
    {
        if (FailureClassifier.IsPermanent(failure)) return new RetryDecision(RetryTier.DeadLetter, null);
        var retryNumber = retryCount + 1;
        var settings = options.Value;
        var retryAfter = FailureClassifier.RetryAfter(failure);
        if (retryNumber <= settings.MaxRetries)
            return new RetryDecision(RetryTier.Quick, time.GetUtcNow() + backoff.Delay(retryNumber, retryAfter));

        var slowIndex = retryNumber - settings.MaxRetries - 1;
        var slow = settings.SlowRetrySchedule;
        if (slowIndex < slow.Count && FailureClassifier.IsTransient(failure))
            return new RetryDecision(RetryTier.Slow, time.GetUtcNow() + backoff.SlowDelay(slow[slowIndex], retryAfter));
        return new RetryDecision(RetryTier.DeadLetter, null);
    }

    /// <summary>True when an item that has already been retried <paramref name="retryCount"/> times has exhausted
    /// its quick retries, i.e. it is waiting for a slow retry while pending.</summary>
    public bool InSlowTier(int retryCount) => retryCount > options.Value.MaxRetries;
}
