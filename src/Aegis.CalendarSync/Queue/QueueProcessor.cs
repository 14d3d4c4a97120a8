using System.Diagnostics;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Queue;

/// <summary>Continuously drains the sync queue: claims batches (up to WorkerCount running at once), runs each item
/// through the <see cref="ISyncWorkHandler"/> while heart-beating its lease, then completes it or
/// schedules a retry as <see cref="RetryPolicy"/> decides: quick retries (2^n s + jitter, or the error's Retry-After),
/// then slow retries for transient failures (default 5 min, 30 min, 2 h, 12 h), dead-lettering permanent failures and
/// items that exhausted their retries. Every write after the claim is fenced by the item's lease id. When a batch comes back empty it sleeps until the queue signal fires or PollInterval passes.
/// An item whose handler was cancelled (shutdown, lost lease) is not acknowledged: its lease expires and it is
/// claimed again, so work is never silently dropped.
/// <para>The batch's to_google items run first, as one <see cref="IQueueBatch"/>: their reads come from one load and
/// their mapping and audit writes, completions and retries are committed in one transaction (per item still fenced by
/// its lease: an item whose lease was lost has nothing committed). Then its from_google items run, one after another,
/// each acknowledged on its own.</para></summary>
public sealed class QueueProcessor(
    ISyncQueueStore store,
    IQueueBatchStore batches,
    ISyncWorkHandler handler,
    IQueueSignal signal,
    IOptions<QueueOptions> options,
    RetryPolicy retries,
    TimeProvider time,
    QueueProcessorHeartbeat liveness,
    ILogger<QueueProcessor> logger) : BackgroundService
{
    /// <summary>Idle wait when an item is due but was not claimable.</summary>
    public static readonly TimeSpan DueRecheck = TimeSpan.FromMilliseconds(250);

    private QueueOptions Options => options.Value;

    /// <summary>Claims and processes one batch; returns how many items were claimed.</summary>
    public async Task<int> ProcessOnceAsync(CancellationToken ct)
    {
        var claimed = await ClaimAsync(ct).ConfigureAwait(false);
        if (claimed.Items.Count > 0) await ProcessAsync(claimed, ct).ConfigureAwait(false);
        return claimed.Items.Count;
    }

    /// <summary>A claimed batch and the claim's span (the parent of its items' spans).</summary>
    private sealed record ClaimedBatch(IReadOnlyList<SyncQueueItem> Items, ActivityContext Claim);

    private async Task<ClaimedBatch> ClaimAsync(CancellationToken ct)
    {
        liveness.Tick();
        IReadOnlyList<SyncQueueItem> items = [];
        var claim = SyncTracing.StartClaim();
        try
        {
            items = await store.ClaimAsync(Options.BatchSize, Options.Lease, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SyncTracing.Fail(claim, ex);
            throw;
        }
        finally
        {
            SyncTracing.EndClaim(claim, items.Count);
        }

        return new ClaimedBatch(items, claim?.Context ?? default);
    }

    /// <summary>The batch's to_google items together (<see cref="ProcessOutboundAsync"/>), then its from_google items
    /// one after another (several batches run at once: <see cref="QueueOptions.WorkerCount"/>).</summary>
    private async Task ProcessAsync(ClaimedBatch claimed, CancellationToken ct)
    {
        var outbound = claimed.Items.Where(i => i.Direction == SyncDirection.ToGoogle).ToList();
        if (outbound.Count > 0) await ProcessOutboundAsync(outbound, claimed.Claim, ct).ConfigureAwait(false);
        foreach (var item in claimed.Items.Where(i => i.Direction != SyncDirection.ToGoogle))
        {
            await ProcessItemAsync(item, claimed.Claim, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the batch's to_google items all at once (distinct events by the claim's rule; their reads come from
    /// the batch and their writes are buffered, so they mostly wait on Google, whose writes the handler may share:
    /// <see cref="ISyncWorkHandler.BeginBatch"/>) inside one <see cref="IQueueBatch"/>, and commits their writes and
    /// outcomes together.</summary>
    private async Task ProcessOutboundAsync(IReadOnlyList<SyncQueueItem> items, ActivityContext claim, CancellationToken ct)
    {
        await using var batch = await batches.BeginAsync(items, ct).ConfigureAwait(false);
        var shared = handler.BeginBatch(items, ct);
        var outcomes = new (SyncQueueItem Item, QueueItemOutcome Outcome)[items.Count];
        var failures = new Exception?[items.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
                new ParallelOptions { MaxDegreeOfParallelism = items.Count, CancellationToken = ct },
                async (i, token) =>
                {
                    using var entered = batch.Enter(items[i]);
                    var run = await RunAsync(items[i], claim, token).ConfigureAwait(false);
                    failures[i] = run?.Failure;
                    outcomes[i] = (items[i], OutcomeOf(items[i], failures[i], interrupted: run is null));
                }).ConfigureAwait(false);
        }
        finally
        {
            shared?.Dispose();
        }

        var commit = await batch.CommitAsync(outcomes, item =>
        {
            var index = IndexOf(items, item);
            failures[index] = new Sync.MappingConflictException(item.FinancialEventId ?? Guid.Empty);
            return OutcomeOf(item, failures[index], interrupted: false);
        }, ct).ConfigureAwait(false);
        if (commit.AuditFailure is { } auditFailure) handler.AuditsLost(commit.LostAudits, auditFailure);
        var results = commit.Results;
        for (var i = 0; i < results.Count; i++)
        {
            Report(results[i].Item, results[i].Outcome, failures[i], results[i].Recorded);
        }
    }

    private static int IndexOf(IReadOnlyList<SyncQueueItem> items, SyncQueueItem item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Id == item.Id) return i;
        }

        throw new ArgumentException($"Item {item.Id} is not in the batch.", nameof(item));
    }

    /// <summary>What to record for an item whose handler ended with <paramref name="failure"/> (null: success).</summary>
    private QueueItemOutcome OutcomeOf(SyncQueueItem item, Exception? failure, bool interrupted)
    {
        if (interrupted) return new QueueItemOutcome.Release();
        if (failure is null) return new QueueItemOutcome.Complete();
        var decision = retries.Decide(item.RetryCount, failure);
        return new QueueItemOutcome.Retry(decision.NextAttemptAt ?? time.GetUtcNow(), FailureClassifier.Describe(failure), decision.DeadLetter);
    }

    /// <summary>Claims a batch whenever fewer than <see cref="QueueOptions.WorkerCount"/> batches are running and runs
    /// it beside the others (several users' batches at once: each mostly waits on Google). With all workers idle it
    /// sleeps until the queue signal fires, the next item falls due (<see cref="IdleWaitAsync"/>, at most PollInterval)
    /// or a running batch ends (completing an item may release the next one of its event). One signal wait is
    /// outstanding at a time (kept across idle waits until it fires), so no notification is consumed by a wait nobody
    /// looks at. An idle queue costs one claim and one next-due read per PollInterval.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        Task? woken = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                if (running.Count >= Options.WorkerCount)
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    continue;
                }

                ClaimedBatch? claimed;
                try
                {
                    claimed = await ClaimAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The store is unreachable or failing: back off rather than spin.
                    logger.LogError(ex, "Claiming sync queue work failed");
                    claimed = null;
                }

                if (claimed is { Items.Count: > 0 })
                {
                    running.Add(RunBatchAsync(claimed, stoppingToken));
                    continue;
                }

                var wait = await IdleWaitAsync(stoppingToken).ConfigureAwait(false);
                // No timeout of its own: the idle wait (at most PollInterval) is the one timer, so an idle poll costs
                // exactly one claim and one next-due read. With a timeout as well, the two timers ran out together and
                // the signal wait could complete just after the loop looked, making a second claim at once.
                woken ??= signal.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var timeout = Task.Delay(wait, time, idle.Token);
                await Task.WhenAny([woken, timeout, .. running]).ConfigureAwait(false);
                await idle.CancelAsync().ConfigureAwait(false);
                if (woken.IsCompleted) woken = null;
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    /// <summary>Processes a claimed batch in the background loop; never throws (a failure is logged: items not
    /// acknowledged return when their leases expire).</summary>
    private async Task RunBatchAsync(ClaimedBatch claimed, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await ProcessAsync(claimed, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutdown: unacknowledged items return when their leases expire.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Processing a claimed batch of {Count} sync queue item(s) failed; unacknowledged items return when their leases expire",
                claimed.Items.Count);
        }
    }

    /// <summary>How long to sleep when nothing was claimable: until the earliest pending item falls due (a debounced
    /// push, a retry's backoff), at most PollInterval, so a debounced sync runs on time without a second signal.
    /// An item already due but not claimed (it fell due after the claim, or another node runs an item of its key) is
    /// looked at again after <see cref="DueRecheck"/>.</summary>
    public async Task<TimeSpan> IdleWaitAsync(CancellationToken ct)
    {
        DateTimeOffset? due;
        try
        {
            due = await store.NextDueAtAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Reading the next due sync queue item failed");
            return Options.PollInterval;
        }

        var untilDue = due is { } at ? at - time.GetUtcNow() : Options.PollInterval;
        if (untilDue <= TimeSpan.Zero) untilDue = DueRecheck;
        return untilDue < Options.PollInterval ? untilDue : Options.PollInterval;
    }

    private async Task ProcessItemAsync(SyncQueueItem item, ActivityContext claim, CancellationToken ct)
    {
        if (await RunAsync(item, claim, ct).ConfigureAwait(false) is not { } run) return;
        if (run.Failure is null)
        {
            Report(item, new QueueItemOutcome.Complete(), null, await store.CompleteAsync(item.Id, LeaseOf(item), ct).ConfigureAwait(false));
            return;
        }

        var outcome = (QueueItemOutcome.Retry)OutcomeOf(item, run.Failure, interrupted: false);
        var recorded = await store.RetryAsync(item.Id, LeaseOf(item), outcome.NextAttemptAt, outcome.Error, outcome.DeadLetter, ct).ConfigureAwait(false);
        Report(item, outcome, run.Failure, recorded);
    }

    private static Guid LeaseOf(SyncQueueItem item) =>
        item.LeaseId ?? throw new InvalidOperationException($"Claimed item {item.Id} has no lease.");

    /// <summary>The result of a handler run that was not interrupted: its failure, or null when it succeeded.</summary>
    private sealed record HandlerRun(Exception? Failure);

    /// <summary>Runs the handler while heart-beating the lease; null when it was interrupted (shutdown or lost lease):
    /// such an item is not acknowledged.</summary>
    private async Task<HandlerRun?> RunAsync(SyncQueueItem item, ActivityContext claim, CancellationToken ct)
    {
        using var span = SyncTracing.StartProcess(item, claim);
        var leaseId = item.LeaseId ?? throw new InvalidOperationException($"Claimed item {item.Id} has no lease.");
        using var handlerScope = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var heartbeatScope = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(item.Id, leaseId, handlerScope, heartbeatScope.Token);
        Exception? failure = null;
        try
        {
            await handler.HandleAsync(item, handlerScope.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (handlerScope.IsCancellationRequested)
        {
            logger.LogInformation("Sync item {ItemId} interrupted (shutdown or lost lease); it returns when its lease expires", item.Id);
            return null;
        }
        catch (Exception ex)
        {
            failure = ex;
            SyncTracing.Fail(span, ex);
        }
        finally
        {
            await heartbeatScope.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        return new HandlerRun(failure);
    }

    /// <summary>Logs what was recorded for an item: nothing for a completion, a warning when its lease was lost, and
    /// for a failure its retry, slow retry or dead letter.</summary>
    private void Report(SyncQueueItem item, QueueItemOutcome outcome, Exception? failure, bool recorded)
    {
        if (outcome is QueueItemOutcome.Release) return;
        if (failure is null || outcome is not QueueItemOutcome.Retry retry)
        {
            if (!recorded) logger.LogWarning("Sync item {ItemId} finished after its lease was lost; the new holder's result stands", item.Id);
            return;
        }

        var decision = retries.Decide(item.RetryCount, failure);
        var retryNumber = item.RetryCount + 1;
        if (!recorded)
            logger.LogWarning(failure, "Sync item {ItemId} failed after its lease was lost; failure not recorded", item.Id);
        else if (retry.DeadLetter && Sync.FailureReasons.From(FailureClassifier.Describe(failure)) is { FixedByReconnect: true })
            // The user's access is gone (revoked, expired, disconnected): not a fault of this service; the item is
            // retried when the user reconnects (DeadLetterRecovery), so it is a warning, not an error.
            logger.LogWarning(failure, "Sync item {ItemId} ({Action}) set aside until Google Calendar is reconnected", item.Id, item.Action);
        else if (retry.DeadLetter)
            logger.LogError(failure, "Sync item {ItemId} ({Action}) dead-lettered after {Attempts} attempt(s){Reason}",
                item.Id, item.Action, retryNumber, FailureClassifier.IsPermanent(failure) ? " (permanent error)" : "");
        else if (decision.Tier == RetryTier.Slow)
            logger.LogWarning(failure, "Sync item {ItemId} ({Action}) still failing after its quick retries; slow retry {Retry} at {NextAttempt:O}",
                item.Id, item.Action, retryNumber, decision.NextAttemptAt);
        else
            logger.LogWarning(failure, "Sync item {ItemId} ({Action}) failed; retry {Retry} at {NextAttempt:O}",
                item.Id, item.Action, retryNumber, retry.NextAttemptAt);
    }

    /// <summary>Extends the lease every Lease/3 while the handler runs, so a live worker never loses it to a slow
    /// call; if the lease was already taken over, cancels the handler.</summary>
    private async Task HeartbeatAsync(long id, Guid leaseId, CancellationTokenSource handlerScope, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    liveness.Tick();
                    if (await store.HeartbeatAsync(id, leaseId, Options.Lease, ct).ConfigureAwait(false)) continue;
                    logger.LogWarning("Sync item {ItemId} lost its lease; cancelling its handler", id);
                    await handlerScope.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed heartbeat is tolerable: two more fit in the lease before it expires.
                    logger.LogWarning(ex, "Heartbeat for sync item {ItemId} failed", id);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Handler finished (or shutdown): heartbeats stop.
        }
    }
}
