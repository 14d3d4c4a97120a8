using Aegis.CalendarSync.Cluster;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Queue;

/// <summary>Every CleanupInterval deletes completed queue items older than CompletedRetention (default 7 days) and
/// audit rows older than AuditRetention (default 30 days), and Trash events deleted longer ago than Trash:Retention
/// (default 30 days) whose Google side is settled. Failed items are kept for the user to retry. On several nodes the
/// scheduled passes run one node at a time (<see cref="SingletonJobRunner"/>).</summary>
internal sealed class QueueCleanupService(
    SingletonJobRunner singleton,
    ISyncQueueStore queue,
    IAuditStore audit,
    IFinancialEventStore events,
    IOptions<QueueOptions> options,
    IOptions<TrashOptions> trash,
    TimeProvider time,
    ILogger<QueueCleanupService> logger) : BackgroundService
{
    public async Task<QueueCleanupResult> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var items = await queue.PurgeCompletedAsync(now - options.Value.CompletedRetention, ct).ConfigureAwait(false);
        var auditRows = await audit.PurgeAsync(now - options.Value.AuditRetention, ct).ConfigureAwait(false);
        var trashed = await events.PurgeDeletedAsync(now - trash.Value.Retention, ct).ConfigureAwait(false);
        var result = new QueueCleanupResult(items, auditRows, trashed);
        if (items + auditRows + trashed > 0)
            logger.LogInformation("Purged {QueueItems} completed queue items, {AuditRows} audit rows and {TrashEvents} events from the Trash",
                items, auditRows, trashed);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                await singleton.RunAsync(SingletonJob.QueueCleanup, RunOnceAsync, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Queue clean-up failed; retrying next interval");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

public sealed record QueueCleanupResult(int QueueItems, int AuditRows, int TrashEvents);
