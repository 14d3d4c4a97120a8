using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Queue;

/// <summary>The slow retry tiers of <see cref="RetryPolicy"/> through the real <see cref="QueueProcessor"/> and the real
/// store of each engine, on a fake clock (jitter fixed at 10 %).</summary>
public abstract class SlowRetryTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private RecordingHandler Handler { get; } = new();
    private QueueProcessor Processor => Services.GetRequiredService<QueueProcessor>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ISyncWorkHandler>(Handler);
        services.AddSingleton(new RetryBackoff(new FixedRandom(0.5)));
        services.AddAegisQueue();
    }

    [Fact]
    public async Task Transient_failure_takes_the_quick_then_the_slow_retries_then_is_dead_lettered()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        Handler.Behaviour = (_, _) => throw new HttpRequestException("wrapped", new GoogleUnavailableException());

        // Quick: 2.2 s, 4.4 s, 8.8 s; slow: 5.5 min, 33 min, 2.2 h, 13.2 h (defaults + 10 % jitter).
        double[] delays = [2.2, 4.4, 8.8, 330, 1980, 7920, 47520];
        await Processor.ProcessOnceAsync(Ct);
        foreach (var delay in delays)
        {
            var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
            Assert.Equal(Time.GetUtcNow().AddSeconds(delay), pending.NextAttemptAt);
            Assert.Equal("HttpRequestException: wrapped", pending.LastError);
            Time.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await Processor.ProcessOnceAsync(Ct));
            Time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, await Processor.ProcessOnceAsync(Ct));
        }

        var failed = Assert.Single(await QueueOfAsync(userId, QueueStatus.Failed));
        Assert.Equal(8, failed.RetryCount); // the store counts the final failure too
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], Handler.Handled.Select(i => i.RetryCount));
    }

    [Fact]
    public async Task Item_in_a_slow_tier_completes_by_itself_once_the_failure_stops()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        var outage = true;
        Handler.Behaviour = (_, _) => outage ? throw new GoogleUnavailableException() : Task.CompletedTask;
        await Processor.ProcessOnceAsync(Ct);
        for (var retry = 1; retry <= 3; retry++)
        {
            Time.SetUtcNow(Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt);
            await Processor.ProcessOnceAsync(Ct);
        }

        var waiting = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal(4, waiting.RetryCount);
        Assert.True(Services.GetRequiredService<RetryPolicy>().InSlowTier(waiting.RetryCount));
        outage = false;
        Time.SetUtcNow(waiting.NextAttemptAt);
        Assert.Equal(1, await Processor.ProcessOnceAsync(Ct));

        Assert.Equal(QueueStatus.Completed, Assert.Single(await QueueOfAsync(userId)).Status);
    }

    [Fact]
    public async Task Rate_limit_hint_longer_than_the_slow_tier_is_honoured()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        Handler.Behaviour = (item, _) => throw new RateLimitedException(item.RetryCount < 3 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(10));
        await Processor.ProcessOnceAsync(Ct);
        for (var retry = 1; retry <= 3; retry++)
        {
            Time.SetUtcNow(Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt);
            await Processor.ProcessOnceAsync(Ct);
        }

        // Tier 1 waits 5 min, Google asked for 10: 10 min + 10 % jitter.
        Assert.Equal(Time.GetUtcNow().AddMinutes(11), Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt);
    }

    [Fact]
    public async Task Failure_that_is_not_transient_is_dead_lettered_after_the_quick_retries()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        Handler.Behaviour = (_, _) => throw new InvalidOperationException("mapping conflict");
        await Processor.ProcessOnceAsync(Ct);
        for (var retry = 1; retry <= 3; retry++)
        {
            Time.SetUtcNow(Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt);
            await Processor.ProcessOnceAsync(Ct);
        }

        Assert.Equal(4, Assert.Single(await QueueOfAsync(userId, QueueStatus.Failed)).RetryCount);
    }

    [Fact]
    public async Task New_inbound_request_cuts_a_slow_wait_short_but_keeps_a_quick_backoff()
    {
        var userId = await NewUserAsync();
        Handler.Behaviour = (_, _) => throw new GoogleUnavailableException();
        var id = await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        await Processor.ProcessOnceAsync(Ct);
        var quick = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal(id, await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct));
        Assert.Equal(quick.NextAttemptAt, Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt);
        for (var retry = 1; retry <= 3; retry++)
        {
            Time.SetUtcNow(Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt);
            await Processor.ProcessOnceAsync(Ct);
        }
        Assert.True(Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending)).NextAttemptAt > Time.GetUtcNow().AddMinutes(5));

        // "Sync now" (or a push from Google) while the item waits for its 5-minute slow retry: it runs now.
        Assert.Equal(id, await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct));

        var due = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal((Time.GetUtcNow(), 4), (due.NextAttemptAt, due.RetryCount));
    }

    [Fact]
    public async Task A_worker_that_lost_its_lease_cannot_move_the_item_into_a_slow_tier()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        await ExecuteSqlAsync("UPDATE sync_queue SET retry_count = 3");
        var stale = Assert.Single(await Queue.ClaimAsync(10, TimeSpan.FromSeconds(60), Ct));
        Time.Advance(TimeSpan.FromSeconds(61));
        var current = Assert.Single(await Queue.ClaimAsync(10, TimeSpan.FromSeconds(60), Ct));
        var policy = Services.GetRequiredService<RetryPolicy>();
        var decision = policy.Decide(stale.RetryCount, new GoogleUnavailableException());
        Assert.Equal(RetryTier.Slow, decision.Tier);

        Assert.False(await Queue.RetryAsync(stale.Id, stale.LeaseId!.Value, decision.NextAttemptAt!.Value, "late", false, Ct));
        Assert.True(await Queue.CompleteAsync(current.Id, current.LeaseId!.Value, Ct));
        var item = Assert.Single(await QueueOfAsync(userId));
        Assert.Equal((QueueStatus.Completed, 3), (item.Status, item.RetryCount));
    }
}

public sealed class SqliteSlowRetryTests(SqliteTestDatabase database) : SlowRetryTests<SqliteTestDatabase>(database);

public sealed class PostgresSlowRetryTests(PostgresTestDatabase database) : SlowRetryTests<PostgresTestDatabase>(database);
