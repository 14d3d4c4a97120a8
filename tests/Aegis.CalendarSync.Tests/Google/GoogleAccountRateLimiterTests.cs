using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Http;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>The bucket is refilled once per hour here, so no refill can happen during a test: outcomes depend on
/// token counts only, never on how fast the machine is.</summary>
public sealed class GoogleAccountRateLimiterTests
{
    private static readonly TimeSpan NoRefillDuringTest = TimeSpan.FromHours(1);

    [Fact]
    public async Task Burst_up_to_the_bucket_size_is_granted_at_once_then_callers_wait()
    {
        using var limiter = new GoogleAccountRateLimiter(3, NoRefillDuringTest, queueLimit: 10);
        var user = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.AcquireAsync(user, CancellationToken.None).IsCompletedSuccessfully);
        }

        using var cts = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(user, cts.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, limiter.AvailableTokens(user));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Each_account_has_its_own_bucket()
    {
        using var limiter = new GoogleAccountRateLimiter(1, NoRefillDuringTest, queueLimit: 10);
        var busy = Guid.NewGuid();
        var other = Guid.NewGuid();
        await limiter.AcquireAsync(busy, CancellationToken.None);

        using var cts = new CancellationTokenSource();
        var busyWaits = limiter.AcquireAsync(busy, cts.Token).AsTask();
        var otherProceeds = limiter.AcquireAsync(other, CancellationToken.None);

        Assert.True(otherProceeds.IsCompletedSuccessfully);
        Assert.False(busyWaits.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busyWaits);
    }

    [Fact]
    public async Task Callers_beyond_the_queue_limit_are_rejected_as_rate_limited()
    {
        using var limiter = new GoogleAccountRateLimiter(1, NoRefillDuringTest, queueLimit: 1);
        var user = Guid.NewGuid();
        await limiter.AcquireAsync(user, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var queued = limiter.AcquireAsync(user, cts.Token).AsTask();

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => limiter.AcquireAsync(user, CancellationToken.None).AsTask());

        Assert.Equal("clientRateLimitQueueFull", ex.Reason);
        Assert.NotNull(ex.RetryAfter);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
    }

    [Fact]
    public async Task Client_requests_beyond_the_burst_wait_for_a_token_instead_of_failing()
    {
        await using var harness = await GoogleClientHarness.StartAsync(
            (ctx, _) => GoogleResponses.Json(ctx, GoogleResponses.Event("abcde12345")),
            new Dictionary<string, string?> { ["Google:RequestsPerSecond"] = "2" });

        var calls = Enumerable.Range(0, 5)
            .Select(_ => harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None))
            .ToList();
        var events = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(events, e => Assert.Equal("abcde12345", e.Id));
        Assert.Equal(5, harness.Server.Requests.Count);
    }
}
