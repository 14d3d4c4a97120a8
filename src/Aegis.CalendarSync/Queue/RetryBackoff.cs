namespace Aegis.CalendarSync.Queue;

/// <summary>Delay before retry number n (1-based): 2^n seconds (2, 4, 8 ...; capped at one hour), or the server's
/// Retry-After hint when one is given, plus up to 20 % random jitter so items that failed together do not retry
/// together. The hint is a lower bound: jitter only adds to it. A slow retry (<see cref="SlowDelay"/>) waits its
/// tier's delay, or the hint when longer, with the same jitter.</summary>
public sealed class RetryBackoff(Random random)
{
    public const double JitterRatio = 0.2;
    public static readonly TimeSpan MaxExponentialDelay = TimeSpan.FromHours(1);

    public TimeSpan Delay(int retryNumber, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        var baseDelay = retryAfter is { } hint && hint > TimeSpan.Zero
            ? hint
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, retryNumber), MaxExponentialDelay.TotalSeconds));
        return Jittered(baseDelay);
    }

    /// <summary>Delay of a slow retry whose tier waits <paramref name="tierDelay"/>.</summary>
    public TimeSpan SlowDelay(TimeSpan tierDelay, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tierDelay, TimeSpan.Zero);
        return Jittered(retryAfter is { } hint && hint > tierDelay ? hint : tierDelay);
    }

    private TimeSpan Jittered(TimeSpan baseDelay) => baseDelay + baseDelay * (JitterRatio * random.NextDouble());
}
