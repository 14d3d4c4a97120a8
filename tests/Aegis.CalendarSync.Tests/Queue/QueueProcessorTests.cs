using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;
using Aegis.CalendarSync.Testing.Databases;
using Aegis.CalendarSync.Testing.Statements;
using Aegis.CalendarSync.Tests.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.CalendarSync.Tests.Queue;

/// <summary>QueueProcessor against the real store of each engine, with a fake clock and a recording handler.</summary>
public abstract partial class QueueProcessorTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    /// <summary>Real-time bound for waits on the running service; only reached when the behaviour is broken.</summary>
    protected static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    protected RecordingHandler Handler { get; } = new();
    protected ObservedQueueStore ObservedQueue => (ObservedQueueStore)Services.GetRequiredService<ISyncQueueStore>();
    protected QueueProcessor Processor => Services.GetRequiredService<QueueProcessor>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ISyncWorkHandler>(Handler);
        services.AddSingleton(new RetryBackoff(new FixedRandom(0.5)));
        services.Replace(ServiceDescriptor.Singleton<ISyncQueueStore>(sp =>
            new ObservedQueueStore(ActivatorUtilities.CreateInstance<SqlSyncQueueStore>(sp))));
        services.AddAegisQueue();
        CountingConnectionFactory.Decorate(services);
    }

    [Fact]
    public async Task ProcessOnce_completes_every_item_the_handler_accepts()
    {
        var userId = await NewUserAsync();
        var events = new[] { await InsertEventAsync(userId, "a"), await InsertEventAsync(userId, "b") };

        Assert.Equal(2, await Processor.ProcessOnceAsync(Ct));
        Assert.Equal(0, await Processor.ProcessOnceAsync(Ct));

        Assert.Equal(events.Select(e => e.Id).Order(), Handler.Handled.Select(i => i.FinancialEventId!.Value).Order());
        Assert.All(await QueueOfAsync(userId), i => Assert.Equal(QueueStatus.Completed, i.Status));
    }

    [Fact]
    public async Task Idle_wait_lasts_until_the_next_item_falls_due_and_never_beyond_the_poll_interval()
    {
        var userId = await NewUserAsync();
        var poll = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<QueueOptions>>().Value.PollInterval;
        Assert.Equal(poll, await Processor.IdleWaitAsync(Ct));

        await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync,
            new QueueDebounce(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600)), Ct);
        Assert.Equal(TimeSpan.FromMilliseconds(300), await Processor.IdleWaitAsync(Ct));
        Time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(QueueProcessor.DueRecheck, await Processor.IdleWaitAsync(Ct));
        Assert.Equal(1, await Processor.ProcessOnceAsync(Ct));

        await InsertEventAsync(userId);
        Handler.Behaviour = (_, _) => throw new InvalidOperationException("backendError");
        Assert.Equal(1, await Processor.ProcessOnceAsync(Ct));
        Assert.Equal(TimeSpan.FromSeconds(2.2), await Processor.IdleWaitAsync(Ct));
    }

    [Fact]
    public async Task Failing_item_is_retried_with_exponential_backoff_and_jitter_then_dead_lettered()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        Handler.Behaviour = (_, _) => throw new InvalidOperationException("backendError");

        // Jitter is 20 % x 0.5 = 10 %: retries after 2.2 s, 4.4 s, 8.8 s.
        Assert.Equal(1, await Processor.ProcessOnceAsync(Ct));
        foreach (var delay in new[] { 2.2, 4.4, 8.8 })
        {
            var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
            Assert.Equal(Time.GetUtcNow().AddSeconds(delay), pending.NextAttemptAt);
            Time.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await Processor.ProcessOnceAsync(Ct));
            Time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, await Processor.ProcessOnceAsync(Ct));
        }

        var failed = Assert.Single(await QueueOfAsync(userId, QueueStatus.Failed));
        Assert.Equal("InvalidOperationException: backendError", failed.LastError);
        Assert.Equal([0, 1, 2, 3], Handler.Handled.Select(i => i.RetryCount));
    }

    [Fact]
    public async Task Retry_after_hint_replaces_the_exponential_delay()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        Handler.Behaviour = (_, _) => throw new HttpRequestException("wrapped", new RateLimitedException(TimeSpan.FromSeconds(30)));

        await Processor.ProcessOnceAsync(Ct);

        var pending = Assert.Single(await QueueOfAsync(userId, QueueStatus.Pending));
        Assert.Equal(Start.AddSeconds(33), pending.NextAttemptAt);
    }

    [Fact]
    public async Task Permanent_failure_is_dead_lettered_without_retry()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        Handler.Behaviour = (_, _) => throw new InvalidGrantException();

        await Processor.ProcessOnceAsync(Ct);

        var failed = Assert.Single(await QueueOfAsync(userId, QueueStatus.Failed));
        Assert.Equal("InvalidGrantException: invalid_grant", failed.LastError);
        Assert.Single(Handler.Handled);
    }

    [Fact]
    public async Task Heartbeat_keeps_the_lease_of_a_long_running_item()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Handler.Behaviour = (_, _) => release.Task;

        var processing = Processor.ProcessOnceAsync(Ct);
        await Handler.FirstItem.WaitAsync(Generous);
        Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await ObservedQueue.Heartbeats.Reader.ReadAsync().AsTask().WaitAsync(Generous));

        var item = Assert.Single(await QueueOfAsync(userId));
        Assert.Equal(Start.AddSeconds(80), item.LockedUntil);
        Time.Advance(TimeSpan.FromSeconds(45));
        Assert.Empty(await Queue.ClaimAsync(10, TimeSpan.FromSeconds(60), Ct));

        release.SetResult();
        Assert.Equal(1, await processing.WaitAsync(Generous));
        Assert.Equal(QueueStatus.Completed, Assert.Single(await QueueOfAsync(userId)).Status);
    }

    [Fact]
    public async Task Cleanup_purges_week_old_completed_items_and_month_old_audit_rows()
    {
        var userId = await NewUserAsync();
        await InsertEventAsync(userId);
        await Processor.ProcessOnceAsync(Ct);
        await Audit.AppendAsync(new AuditEntry { UserId = userId, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Success }, Ct);
        Time.Advance(TimeSpan.FromDays(8));
        await Audit.AppendAsync(new AuditEntry { UserId = userId, Action = AuditAction.SyncToGoogle, Status = AuditOutcome.Success }, Ct);
        var cleanup = Services.GetRequiredService<QueueCleanupService>();

        Assert.Equal(new QueueCleanupResult(1, 0, 0), await cleanup.RunOnceAsync(Ct));
        Time.Advance(TimeSpan.FromDays(23));
        Assert.Equal(new QueueCleanupResult(0, 1, 0), await cleanup.RunOnceAsync(Ct));
        Assert.Single(await Audit.QueryAsync(userId, new AuditQuery(), Ct));
    }

    [Fact]
    public async Task Cleanup_purges_trash_events_after_the_thirty_day_retention_only()
    {
        var userId = await NewUserAsync();
        var deleted = await InsertEventAsync(userId, "deleted in Google");
        var live = await InsertEventAsync(userId, "live");
        await Processor.ProcessOnceAsync(Ct);
        Assert.True(await Events.SoftDeleteAsync(userId, deleted.Id, SyncSource.Google, Time.GetUtcNow(), Ct));
        var cleanup = Services.GetRequiredService<QueueCleanupService>();

        Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await cleanup.RunOnceAsync(Ct)).TrashEvents);
        Assert.NotNull(await Events.GetAsync(userId, deleted.Id, Ct, includeDeleted: true));

        Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await cleanup.RunOnceAsync(Ct)).TrashEvents);
        Assert.Null(await Events.GetAsync(userId, deleted.Id, Ct, includeDeleted: true));
        Assert.NotNull(await Events.GetAsync(userId, live.Id, Ct));
    }

    [Fact]
    public async Task Running_service_is_woken_by_the_queue_signal_when_idle()
    {
        var userId = await NewUserAsync();
        await Processor.StartAsync(Ct);
        try
        {
            // The first claim finds nothing; the poll interval runs on the fake clock and never elapses, so only
            // the signal can wake the service.
            Assert.Equal(0, await ObservedQueue.Claims.Reader.ReadAsync().AsTask().WaitAsync(Generous));
            await WhenSignalReadyAsync();

            var e = await InsertEventAsync(userId);

            var handled = await Handler.FirstItem.WaitAsync(Generous);
            Assert.Equal(e.Id, handled.FinancialEventId);
        }
        finally
        {
            await Processor.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task Idle_service_costs_one_claim_and_one_next_due_read_per_poll_interval()
    {
        var poll = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<QueueOptions>>().Value.PollInterval;
        await Processor.StartAsync(Ct);
        try
        {
            await WhenSignalReadyAsync();
            // The first claim, and on PostgreSQL the one the listener's wake-up after connecting causes; then the
            // service sleeps on the fake clock (its one timer: the poll interval).
            for (var i = 0; i < 1 + WakeupsOnStart; i++) await IdlePollAsync(poll);
            var before = Db.Snapshot();

            const int Intervals = 3;
            for (var i = 0; i < Intervals; i++)
            {
                Time.Advance(poll);
                await IdlePollAsync(poll);
            }

            var idle = Db.Snapshot() - before;
            // Per interval: the claim (ClaimStatements, one commit) and the next-due read (one statement, its own
            // implicit transaction); nothing else, and no second claim.
            Assert.False(ObservedQueue.Claims.Reader.TryRead(out _), "a second claim in one poll interval");
            Assert.True(idle is { Commits: Intervals, Autocommits: Intervals, Writes: Intervals }
                && idle.Statements == (ClaimStatements + 1) * Intervals && idle.Commands == (ClaimStatements + 1) * Intervals,
                idle.ToString());
        }
        finally
        {
            await Processor.StopAsync(Ct);
        }
    }

    /// <summary>Waits for a claim that finds nothing and for the idle wait it then arms (due in <paramref name="poll"/>:
    /// the queue is empty), i.e. until the service sleeps.</summary>
    private async Task IdlePollAsync(TimeSpan poll)
    {
        Assert.Equal(0, await ObservedQueue.Claims.Reader.ReadAsync().AsTask().WaitAsync(Generous));
        while (await Time.NextTimerAsync() != poll)
        {
            // A timer of the set-up (not the service's idle wait).
        }
    }

    /// <summary>Statements of one claim: the claim, and on PostgreSQL first its planning setting (plan_cache_mode).</summary>
    protected int ClaimStatements => Database.Provider == "postgres" ? 2 : 1;

    /// <summary>Claims the running service makes at start beyond its first (PostgreSQL: the listener's wake-up).</summary>
    protected virtual int WakeupsOnStart => 0;

    /// <summary>Completes once the engine's signal delivers notifications (PostgreSQL: LISTEN is active).</summary>
    protected virtual Task WhenSignalReadyAsync() => Task.CompletedTask;
}
