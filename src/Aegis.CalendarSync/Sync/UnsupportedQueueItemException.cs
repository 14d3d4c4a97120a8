using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Sync;

/// <summary>A queue row no handler understands: retrying cannot help, so it goes straight to the dead letters.</summary>
internal sealed class UnsupportedQueueItemException(SyncQueueItem item)
    : Exception($"Queue item {item.Id} has an unsupported direction/action {item.Direction}/{item.Action}."), IPermanentFailure;
