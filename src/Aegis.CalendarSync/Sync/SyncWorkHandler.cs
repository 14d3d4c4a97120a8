using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Sync;

/// <summary>Runs a claimed queue item through the sync service. Every action is idempotent (deterministic ids,
/// If-Match, content hashes, token saved last), so a redelivered item after a lost lease repeats no side effect.</summary>
internal sealed class SyncWorkHandler(ISyncService sync) : ISyncWorkHandler
{
    public Task HandleAsync(SyncQueueItem item, CancellationToken ct) => (item.Direction, item.Action) switch
    {
        (SyncDirection.ToGoogle, QueueAction.Upsert or QueueAction.Delete) when item.FinancialEventId is { } id =>
            sync.SyncToGoogleAsync(item.UserId, id, ct),
        (SyncDirection.FromGoogle, QueueAction.IncrementalSync) => sync.IncrementalSyncAsync(item.UserId, ct),
        (SyncDirection.FromGoogle, QueueAction.FullSync) => sync.FullSyncAsync(item.UserId, ct),
        _ => throw new UnsupportedQueueItemException(item),
    };
}
