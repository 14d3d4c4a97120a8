using System.Collections.Concurrent;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Tests.Queue;

/// <summary>Records every item it is given and runs an optional behaviour (throw, block...).</summary>
public sealed class RecordingHandler : ISyncWorkHandler
{
    private readonly TaskCompletionSource<SyncQueueItem> _firstItem = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<SyncQueueItem> Handled { get; } = new();

    public Func<SyncQueueItem, CancellationToken, Task>? Behaviour { get; set; }

    public Task<SyncQueueItem> FirstItem => _firstItem.Task;

    public async Task HandleAsync(SyncQueueItem item, CancellationToken ct)
    {
        Handled.Enqueue(item);
        _firstItem.TrySetResult(item);
        if (Behaviour is not null) await Behaviour(item, ct);
    }
}
