namespace GoogleCalendarEmulator.Faults;

/// <summary>
/// Per-account token bucket: capacity <c>perSecond</c>, refilled continuously at <c>perSecond</c> tokens per second of
/// <see cref="TimeProvider"/> time. Hand-written rather than System.Threading.RateLimiting's TokenBucketRateLimiter
/// because that limiter measures elapsed time with its own Stopwatch even when replenished manually (observed: refills
/// after a fake-clock advance were non-deterministic), and every emulator time must follow the injected clock.
/// </summary>
internal sealed class AccountRateLimiter(int perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, perSecond);
    private double _tokens = Math.Max(1, perSecond);
    private DateTimeOffset _lastRefill = time.GetUtcNow();

    /// <summary>Takes one token; when empty returns false with the time until one token is available.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now > _lastRefill)
            {
                _tokens = Math.Min(_capacity, _tokens + ((now - _lastRefill).TotalSeconds * _capacity));
                _lastRefill = now;
            }

            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _capacity);
            return false;
        }
    }
}
