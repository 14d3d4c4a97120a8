using System.Collections.Concurrent;
using System.Data.Common;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store.Batch;

/// <summary>One claimed batch's loaded reads, its items' buffered writes and the connection both use.</summary>
internal sealed class QueueBatchScope(DbConnection connection, QueueBatchSnapshot snapshot)
{
    private readonly ConcurrentDictionary<long, QueueBatchItem> _items = new();

    public DbConnection Connection { get; } = connection;

    public QueueBatchSnapshot Snapshot { get; } = snapshot;

    /// <summary>The buffered writes of <paramref name="item"/> (created on first use).</summary>
    public QueueBatchItem Item(SyncQueueItem item) => _items.GetOrAdd(item.Id, _ => new QueueBatchItem(this, item));

    public QueueBatchItem? Find(long itemId) => _items.GetValueOrDefault(itemId);
}
