using System.Collections.Concurrent;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Http;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Cluster;

/// <summary>Two nodes' limiters spending one account's budget through the database, on the fake clock: together
/// they send exactly the burst at once and then one request per interval, whoever asks.</summary>
public abstract class SharedAccountRateLimiterTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const int Rate = 10;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1) / Rate;

    private SharedAccountRateLimiter NewNode(int queueLimit = 1000) => new(
        Services.GetRequiredService<IRateBudgetStore>(),
        Microsoft.Extensions.Options.Options.Create(new GoogleApiOptions { RequestsPerSecond = Rate, RateLimitQueueLimit = queueLimit }),
        Time);

    [Fact]
    public async Task Two_nodes_together_send_the_burst_at_once_then_one_request_per_interval()
    {
        var user = await NewUserAsync();
        var nodes = new[] { NewNode(), NewNode() };
        var sent = new ConcurrentBag<(int Node, TimeSpan At)>();
        const int requests = 40;

        var calls = Enumerable.Range(0, requests).Select(i => Task.Run(async () =>
        {
            await nodes[i % 2].AcquireAsync(user, 1, Ct);
            sent.Add((i % 2, Time.GetUtcNow() - Start));
        })).ToList();

        // Each request beyond the burst waits for its own slot: one timer each.
        for (var i = 0; i < requests - Rate; i++) await Time.NextTimerAsync();
        await Eventually.TrueAsync(() => Task.FromResult(sent.Count == Rate), "the burst is sent at once");
        for (var step = 1; step <= requests - Rate; step++)
        {
            Time.Advance(Interval);
            var expected = Rate + step;
            await Eventually.TrueAsync(() => Task.FromResult(sent.Count == expected), $"{expected} sent after {step} intervals");
        }

        await Task.WhenAll(calls);
        var times = sent.Select(s => s.At).Order().ToList();
        Assert.Equal(Enumerable.Repeat(TimeSpan.Zero, Rate).Concat(Enumerable.Range(1, requests - Rate).Select(k => Interval * k)), times);
        Assert.Equal(requests / 2, sent.Count(s => s.Node == 0));
    }

    [Fact]
    public async Task A_batch_spends_one_slot_per_call_it_carries_and_a_wait_beyond_the_queue_is_refused()
    {
        var user = await NewUserAsync();
        var node = NewNode(queueLimit: 20);

        await node.AcquireAsync(user, Rate, Ct);
        var batch = node.AcquireAsync(user, 5, Ct).AsTask();
        Assert.Equal(Interval * 5, await Time.NextTimerAsync());
        Time.Advance(Interval * 5);
        await batch;

        // 25 more requests would wait 25 intervals: beyond the 20 allowed.
        var refused = await Assert.ThrowsAsync<RateLimitedException>(() => node.AcquireAsync(user, 25, Ct).AsTask());
        Assert.Equal(Interval * 25, refused.RetryAfter);
    }
}
