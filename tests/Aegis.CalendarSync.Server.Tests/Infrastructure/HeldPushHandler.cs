using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>The real work handler, except that pushes to Google wait while the test holds them (<see cref="Hold"/>,
/// <see cref="Release"/>): the item is claimed and stays processing until released, so a test sees the state before
/// the push without racing the queue processor. Inbound work is never held.</summary>
public sealed class HeldPushHandler(ISyncWorkHandler inner) : ISyncWorkHandler
{
    private static readonly Task Open = Task.CompletedTask;
    private TaskCompletionSource? _held;

    public void Hold() => Interlocked.CompareExchange(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    public async Task HandleAsync(SyncQueueItem item, CancellationToken ct)
    {
        if (item.Direction == SyncDirection.ToGoogle) await (Volatile.Read(ref _held)?.Task ?? Open).WaitAsync(ct);
        await inner.HandleAsync(item, ct);
    }
}
