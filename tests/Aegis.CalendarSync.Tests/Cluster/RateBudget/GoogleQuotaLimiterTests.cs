using System.Collections.Concurrent;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Http;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Cluster.RateBudget;

/// <summary>Two nodes' limiters spending Google's quotas through one budget store, on the fake clock (in process,
/// SQLite, PostgreSQL): a user's burst at once and then one call per interval whoever asks; the project's budget shared
/// by every user first come first served; a wait beyond the queue refused.</summary>
public abstract class GoogleQuotaLimiterTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private const int Burst = 10;

    /// <summary>(610 − 10) calls per minute sustained: one per 100 ms.</summary>
    private const int UserPerMinute = 610;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private IRateBudgetStore? _budget;

    /// <summary>The store under test, made once on the test's thread (<see cref="InitializeAsync"/>), so every node shares one.</summary>
    protected IRateBudgetStore Budget => _budget ?? throw new InvalidOperationException("Not initialised.");

    protected virtual IRateBudgetStore CreateBudget() => Services.GetRequiredService<IRateBudgetStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _budget = CreateBudget();
    }

    private GoogleQuotaLimiter NewNode(int queueLimit = 1000, int projectPerMinute = 10_000) => new(
        Budget,
        Microsoft.Extensions.Options.Options.Create(new GoogleApiOptions
        {
            ClientId = "client-id",
            RequestsPerUserPerMinute = UserPerMinute,
            RequestsPerProjectPerMinute = projectPerMinute,
            BurstCalls = Burst,
            RateLimitQueueLimit = queueLimit,
        }),
        Time);

    [Fact]
    public void The_configured_quota_paces_one_call_per_100_ms_after_a_burst_of_10()
    {
        var quota = new GoogleApiOptions { RequestsPerUserPerMinute = UserPerMinute, BurstCalls = Burst }.Quota;
        Assert.Equal(Interval, quota.UserInterval);
        Assert.Equal(UserPerMinute, quota.MaxUserCallsIn(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Two_nodes_together_send_the_burst_at_once_then_one_call_per_interval()
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

        // Each request beyond the burst waits for its user's budget: one timer each.
        for (var i = 0; i < requests - Burst; i++) await Time.NextTimerAsync();
        await Eventually.TrueAsync(() => Task.FromResult(sent.Count == Burst), "the burst is sent at once");
        for (var step = 1; step <= requests - Burst; step++)
        {
            Time.Advance(Interval);
            var expected = Burst + step;
            await Eventually.TrueAsync(() => Task.FromResult(sent.Count == expected), $"{expected} sent after {step} intervals");
            // Every waiter woke and asked again: one got the slot, each of the others was told to wait one more
            // interval and armed its timer (so no request is still asking when the clock moves on).
            for (var i = 0; i < requests - expected; i++) Assert.Equal(Interval, await Time.NextTimerAsync());
        }

        await Task.WhenAll(calls);
        var times = sent.Select(s => s.At).Order().ToList();
        Assert.Equal(Enumerable.Repeat(TimeSpan.Zero, Burst).Concat(Enumerable.Range(1, requests - Burst).Select(k => Interval * k)), times);
        Assert.Equal(requests / 2, sent.Count(s => s.Node == 0));
    }

    [Fact]
    public async Task A_batch_spends_one_slot_per_call_it_carries_and_a_wait_beyond_the_queue_is_refused()
    {
        var user = await NewUserAsync();
        var node = NewNode(queueLimit: 5);

        await node.AcquireAsync(user, Burst, Ct);
        var batch = node.AcquireAsync(user, 5, Ct).AsTask();
        // Five calls wait five intervals: exactly the queue allowed.
        Assert.Equal(Interval * 5, await Time.NextTimerAsync());
        Time.Advance(Interval * 5);
        await batch;

        // Ten more would wait ten intervals: beyond the five allowed; refused, nothing reserved.
        var refused = await Assert.ThrowsAsync<RateLimitedException>(() => node.AcquireAsync(user, Burst, Ct).AsTask());
        Assert.Equal("clientRateLimitQueueFull", refused.Reason);
        Assert.Equal(Interval * 10, refused.RetryAfter);
        Time.Advance(Interval * 10);
        await node.AcquireAsync(user, Burst, Ct).AsTask().WaitAsync(Testing.Clock.TestClock.SignalTimeout);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.AcquireAsync(user, Burst + 1, Ct).AsTask());
    }

    [Fact]
    public async Task The_project_budget_is_shared_by_every_user_on_every_node_and_a_user_behind_on_its_quota_does_not_hold_it()
    {
        var (a, b, c) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        // 12,010 per minute for the project: after its burst of 10, one call per 5 ms.
        var (first, second) = (NewNode(projectPerMinute: 12_010), NewNode(projectPerMinute: 12_010));

        await first.AcquireAsync(a, Burst, Ct);
        // a is behind on its own quota (10 calls at once): its next call waits one user interval and reserves nothing,
        // neither does a second one, cancelled while it waits.
        var aSends = first.AcquireAsync(a, 1, Ct).AsTask();
        Assert.Equal(Interval, await Time.NextTimerAsync());
        using var cancel = new CancellationTokenSource();
        var aCancelled = second.AcquireAsync(a, 1, cancel.Token).AsTask();
        Assert.Equal(Interval, await Time.NextTimerAsync());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => aCancelled);
        // b's batch queues behind a's burst on the project only (50 ms), not behind a's wait; c's call behind b's.
        var bSends = second.AcquireAsync(b, Burst, Ct).AsTask();
        Assert.Equal(TimeSpan.FromMilliseconds(50), await Time.NextTimerAsync());
        var cSends = first.AcquireAsync(c, 1, Ct).AsTask();
        Assert.Equal(TimeSpan.FromMilliseconds(55), await Time.NextTimerAsync());

        Time.Advance(TimeSpan.FromMilliseconds(50));
        await bSends;
        Assert.False(cSends.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(5));
        await cSends;
        Assert.False(aSends.IsCompleted);
        // At 100 ms a's own budget has room and the project has long had: a's call goes at once.
        Time.Advance(TimeSpan.FromMilliseconds(45));
        await aSends;
        Assert.Equal(Start + Interval, Time.GetUtcNow());
    }
}
