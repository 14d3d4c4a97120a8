using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Admin;

/// <summary>Operator view of the queue's dead letters (items that failed permanently or ran out of retries): list
/// them, and send them back to the queue for one user or for everyone. Requeued items start again with retry 0 and
/// wake the queue processor through the store.</summary>
public sealed class DeadLetterCommands(ISyncQueueStore queue)
{
    public Task<IReadOnlyList<SyncQueueItem>> ListAsync(Guid? userId, int limit, CancellationToken ct) =>
        queue.ListFailedAsync(userId, limit, ct);

    /// <summary>Requeues every dead letter of <paramref name="userId"/>, or of every user when null; returns the count.</summary>
    public Task<int> RequeueAsync(Guid? userId, CancellationToken ct) => queue.RequeueAllFailedAsync(userId, ct);
}
