using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Cluster;

/// <summary>Runs a scheduled pass of a <see cref="SingletonJob"/> on exactly one node at a time. Every node calls it
/// at the scheduled time; the node that gets the job's lease runs the pass, renewing the lease every third of its
/// duration, and releases it at the end; the others ask again every <see cref="ClusterOptions.JobLeaseRetry"/> and
/// run the pass once they get it. The passes are idempotent by their own policy (a renewed channel is no longer due,
/// a purged row is gone), so the later runs find nothing to do, and a node that died mid-run is replaced within one
/// lease. A lost renewal (the lease lapsed and another node took it) cancels the pass.</summary>
public sealed class SingletonJobRunner(
    IJobLeaseStore leases,
    NodeIdentity node,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<SingletonJobRunner> logger)
{
    public async Task<T> RunAsync<T>(SingletonJob job, Func<CancellationToken, Task<T>> pass, CancellationToken ct)
    {
        var name = JobName(job);
        var duration = options.Value.JobLease;
        JobLease? lease;
        while ((lease = await leases.TryAcquireAsync(name, node.Name, duration, ct).ConfigureAwait(false)) is null)
        {
            logger.LogDebug("Job {Job} is running on another node; asking again in {Retry}", name, options.Value.JobLeaseRetry);
            await Task.Delay(options.Value.JobLeaseRetry, time, ct).ConfigureAwait(false);
        }

        return await HoldAsync(lease, pass, ct).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="pass"/> under the lease <paramref name="name"/> when nobody holds it, on any node
    /// (the database decides), renewed and released like a job's; null at once when it is held. Every call is a holder
    /// of its own, so two calls on one node exclude each other too.</summary>
    public async Task<T?> TryRunExclusiveAsync<T>(string name, Func<CancellationToken, Task<T>> pass, CancellationToken ct)
        where T : class
    {
        var holder = $"{node.Name}/{Guid.NewGuid():N}";
        var lease = await leases.TryAcquireAsync(name, holder, options.Value.JobLease, ct).ConfigureAwait(false);
        return lease is null ? null : await HoldAsync(lease, pass, ct).ConfigureAwait(false);
    }

    private async Task<T> HoldAsync<T>(JobLease lease, Func<CancellationToken, Task<T>> pass, CancellationToken ct)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewUntilStoppedAsync(lease, held, stopRenewing.Token);
        try
        {
            return await pass(held.Token).ConfigureAwait(false);
        }
        finally
        {
            await stopRenewing.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    /// <summary>The job's name in the store.</summary>
    public static string JobName(SingletonJob job) => job switch
    {
        SingletonJob.ChannelRenewal => "channel_renewal",
        SingletonJob.QueueCleanup => "queue_cleanup",
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, null),
    };

    /// <summary>Renews every third of the lease. A renewal refused by the fencing token, or failing until the lease's
    /// own expiry, cancels the pass: from then on another node may hold the job.</summary>
    private async Task RenewUntilStoppedAsync(JobLease lease, CancellationTokenSource held, CancellationToken stop)
    {
        var every = options.Value.JobLease / 3;
        var heldUntil = lease.ExpiresAt;
        try
        {
            while (true)
            {
                await Task.Delay(every, time, stop).ConfigureAwait(false);
                bool renewed;
                try
                {
                    renewed = await leases.RenewAsync(lease, options.Value.JobLease, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Renewing the lease of job {Job} failed", lease.Job);
                    if (time.GetUtcNow() + every < heldUntil) continue;
                    renewed = false;
                }

                if (!renewed)
                {
                    logger.LogWarning("Lost the lease of job {Job} (fencing token {Token}); stopping its pass", lease.Job, lease.FencingToken);
                    await held.CancelAsync().ConfigureAwait(false);
                    return;
                }

                heldUntil = time.GetUtcNow() + options.Value.JobLease;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Fenced, so releasing a lease lost meanwhile changes nothing; a failure only delays the next node by
    /// the lease's remaining time.</summary>
    private async Task ReleaseAsync(JobLease lease)
    {
        try
        {
            await leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Releasing the lease of job {Job} failed; it lapses by itself at {ExpiresAt}", lease.Job, lease.ExpiresAt);
        }
    }
}
