using System.Threading.RateLimiting;

namespace GoogleCalendarEmulator.Faults;

/// <summary>
/// Per-account token bucket: <c>perSecond</c> tokens, one refilled every 1/<c>perSecond</c> s of <see cref="TimeProvider"/> time.
/// Replenishment is driven from the injected clock (AutoReplenishment off) so tests with a fake clock are deterministic.
/// </summary>
internal sealed class AccountRateLimiter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TokenBucketRateLimiter _bucket;
    private readonly TimeSpan _period;
    private readonly int _capacity;
    private DateTimeOffset _lastRefill;

    public AccountRateLimiter(int perSecond, TimeProvider time)
    {
        _capacity = Math.Max(1, perSecond);
        _time = time;
        _period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / _capacity);
        _lastRefill = time.GetUtcNow();
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _capacity,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _period,
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    /// <summary>Takes one token; when empty returns false with the time until the next token.</summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var periods = (long)((now - _lastRefill) / _period);
            if (periods > 0)
            {
                for (var i = 0; i < Math.Min(periods, _capacity); i++)
                {
                    _bucket.TryReplenish();
                }

                _lastRefill += _period * periods;
            }

            using var lease = _bucket.AttemptAcquire(1);
            retryAfter = lease.IsAcquired ? TimeSpan.Zero : _lastRefill + _period - now;
            return lease.IsAcquired;
        }
    }

    public void Dispose() => _bucket.Dispose();
}
