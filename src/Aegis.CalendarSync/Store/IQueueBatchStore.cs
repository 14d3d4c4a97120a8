using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>Database work per claimed batch instead of per item: the batch's outbound reads are loaded with one query
/// per table, its handlers' mapping and audit writes are buffered, and one transaction on one connection writes them
/// with the items' completions or retries as multi-row statements.</summary>
public interface IQueueBatchStore
{
    /// <summary>Loads what <paramref name="items"/> (claimed to_google items) read: their users' settings, their events
    /// (soft-deleted too), their mappings and which have dead letters.</summary>
    Task<IQueueBatch> BeginAsync(IReadOnlyList<SyncQueueItem> items, CancellationToken ct);
}

/// <summary>A loaded batch. Store reads and writes made on an item's async flow after <see cref="Enter"/> are served
/// from the batch (reads) or buffered for <see cref="CommitAsync"/> (mapping and audit writes); anything else goes to
/// the database as usual. Disposing without committing discards the buffered writes.</summary>
public interface IQueueBatch : IAsyncDisposable
{
    /// <summary>Runs the calling async flow as <paramref name="item"/>'s handler until disposed.</summary>
    IDisposable Enter(SyncQueueItem item);

    /// <summary>In one transaction: keeps only items still holding their lease (others: nothing written, not
    /// recorded), writes their buffered mapping writes (an update only at the version loaded; an item whose write
    /// lost gets <paramref name="onMappingWriteLost"/>'s outcome and only the audit rows it wrote before), their audit
    /// rows, then every outcome fenced by its lease. One result per outcome, in order. When writing the audit rows fails,
    /// the transaction is rolled back and redone without them (reported in <see cref="QueueBatchCommit.LostAudits"/>).</summary>
    Task<QueueBatchCommit> CommitAsync(IReadOnlyList<(SyncQueueItem Item, QueueItemOutcome Outcome)> outcomes,
        Func<SyncQueueItem, QueueItemOutcome> onMappingWriteLost, CancellationToken ct);
}
