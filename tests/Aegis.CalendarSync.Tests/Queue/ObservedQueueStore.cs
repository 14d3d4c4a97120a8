using System.Threading.Channels;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Tests.Queue;

/// <summary>Passes every call to the real store and reports claims and heartbeats, so tests can wait for the
/// processor to reach a point instead of sleeping.</summary>
public sealed class ObservedQueueStore(ISyncQueueStore inner) : ISyncQueueStore
{
    public Channel<int> Claims { get; } = Channel.CreateUnbounded<int>();
    public Channel<bool> Heartbeats { get; } = Channel.CreateUnbounded<bool>();

    public async Task<IReadOnlyList<SyncQueueItem>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken ct)
    {
        var items = await inner.ClaimAsync(batchSize, lease, ct);
        Claims.Writer.TryWrite(items.Count);
        return items;
    }

    public async Task<bool> HeartbeatAsync(long id, Guid leaseId, TimeSpan lease, CancellationToken ct)
    {
        var kept = await inner.HeartbeatAsync(id, leaseId, lease, ct);
        Heartbeats.Writer.TryWrite(kept);
        return kept;
    }

    public Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, CancellationToken ct) => inner.EnqueueFromGoogleAsync(userId, action, ct);
    public Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, QueueDebounce debounce, CancellationToken ct) =>
        inner.EnqueueFromGoogleAsync(userId, action, debounce, ct);
    public Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, string? calendarId, QueueDebounce debounce, CancellationToken ct) =>
        inner.EnqueueFromGoogleAsync(userId, action, calendarId, debounce, ct);
    public Task<bool> EnqueuePushedSyncAsync(Guid userId, string channelId, long messageNumber, string? calendarId, QueueDebounce debounce,
        bool onlyIfAdvanced, CancellationToken ct) =>
        inner.EnqueuePushedSyncAsync(userId, channelId, messageNumber, calendarId, debounce, onlyIfAdvanced, ct);
    public Task<int> EnqueueToGoogleAsync(Guid userId, IReadOnlyCollection<Guid> financialEventIds, CancellationToken ct) =>
        inner.EnqueueToGoogleAsync(userId, financialEventIds, ct);
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct) => inner.NextDueAtAsync(ct);
    public Task<bool> CompleteAsync(long id, Guid leaseId, CancellationToken ct) => inner.CompleteAsync(id, leaseId, ct);
    public Task<bool> RetryAsync(long id, Guid leaseId, DateTimeOffset nextAttemptAt, string error, bool deadLetter, CancellationToken ct) =>
        inner.RetryAsync(id, leaseId, nextAttemptAt, error, deadLetter, ct);
    public Task<bool> RequeueFailedAsync(Guid userId, long id, CancellationToken ct) => inner.RequeueFailedAsync(userId, id, ct);

    public Task<IReadOnlyList<SyncQueueItem>> CloseFailedForEventAsync(Guid userId, Guid financialEventId, CancellationToken ct) =>
        inner.CloseFailedForEventAsync(userId, financialEventId, ct);
    public Task<int> RequeueAllFailedAsync(Guid? userId, CancellationToken ct) => inner.RequeueAllFailedAsync(userId, ct);
    public Task<IReadOnlyList<SyncQueueItem>> ListFailedAsync(Guid? userId, int limit, CancellationToken ct) =>
        inner.ListFailedAsync(userId, limit, ct);
    public Task<IReadOnlyList<SyncQueueItem>> ListAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct) =>
        inner.ListAsync(userId, status, limit, ct);
    public Task<IReadOnlyList<TitledQueueItem>> ListTitledAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct) =>
        inner.ListTitledAsync(userId, status, limit, ct);
    public Task<bool> ResolveFailedAsync(Guid userId, long id, CancellationToken ct) => inner.ResolveFailedAsync(userId, id, ct);
    public Task<IReadOnlyDictionary<QueueStatus, long>> CountByStatusAsync(CancellationToken ct) => inner.CountByStatusAsync(ct);
    public Task<int> PurgeCompletedAsync(DateTimeOffset olderThan, CancellationToken ct) => inner.PurgeCompletedAsync(olderThan, ct);
}
