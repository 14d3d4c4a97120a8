using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Completes every item at once, so a queue benchmark measures only claim, heartbeat set-up and complete.</summary>
public sealed class NoOpWorkHandler : ISyncWorkHandler
{
    public Task HandleAsync(SyncQueueItem item, CancellationToken ct) => Task.CompletedTask;
}
