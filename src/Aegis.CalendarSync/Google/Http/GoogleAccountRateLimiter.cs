using System.Threading.RateLimiting;
using Aegis.CalendarSync.Google.Errors;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google.Http;

/// <summary>One token bucket per Google account: <see cref="GoogleApiOptions.RequestsPerSecond"/> tokens per second
/// with an equal burst; callers wait (oldest first) for a token instead of failing. Google's per-user quota is
/// 600 requests/min, so the default 10/s keeps one busy account just under it.</summary>
internal sealed class GoogleAccountRateLimiter : IAccountRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public GoogleAccountRateLimiter(IOptions<GoogleApiOptions> options)
        : this(options.Value.RequestsPerSecond, TimeSpan.FromSeconds(1), options.Value.RateLimitQueueLimit)
    {
    }

    /// <summary>Buckets of <paramref name="tokensPerPeriod"/> tokens refilled every <paramref name="period"/>.
    /// (System.Threading.RateLimiting measures time with Stopwatch, not TimeProvider; tests use a long period
    /// instead of a fake clock.)</summary>
    internal GoogleAccountRateLimiter(int tokensPerPeriod, TimeSpan period, int queueLimit)
    {
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(userId => RateLimitPartition.GetTokenBucketLimiter(
            userId,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokensPerPeriod,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Waits for one token of <paramref name="userId"/>'s bucket.</summary>
    /// <exception cref="RateLimitedException">More than RateLimitQueueLimit requests are already waiting.</exception>
    public ValueTask AcquireAsync(Guid userId, CancellationToken ct) => AcquireAsync(userId, 1, ct);

    /// <summary>Waits for <paramref name="requests"/> tokens of <paramref name="userId"/>'s bucket, all at once (a
    /// batch request's calls are sent together, so its tokens are taken together: taken one by one, two batches of
    /// one account could each hold part of the bucket and then land together, more calls than the bucket allows).</summary>
    /// <exception cref="RateLimitedException">More than RateLimitQueueLimit requests are already waiting.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> exceeds the burst (the bucket's size).</exception>
    public async ValueTask AcquireAsync(Guid userId, int requests, CancellationToken ct)
    {
        using var lease = await _limiter.AcquireAsync(userId, requests, ct).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
            throw new RateLimitedException(
                System.Net.HttpStatusCode.TooManyRequests,
                "clientRateLimitQueueFull",
                $"Too many Google API requests are waiting for account {userId}.",
                retryAfter == default ? TimeSpan.FromSeconds(1) : retryAfter);
        }
    }

    /// <summary>Tokens left right now in <paramref name="userId"/>'s bucket (for metrics and tests).</summary>
    public long AvailableTokens(Guid userId) => _limiter.GetStatistics(userId)?.CurrentAvailablePermits ?? 0;

    public void Dispose() => _limiter.Dispose();
}
