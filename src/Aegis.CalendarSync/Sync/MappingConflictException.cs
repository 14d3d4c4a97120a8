namespace Aegis.CalendarSync.Sync;

/// <summary>The mapping row changed under us (optimistic lock lost): another worker synced the same event.
/// Transient: the queue retries and the retry sees the winner's state.</summary>
internal sealed class MappingConflictException(Guid financialEventId)
    : Exception($"The sync mapping of event {financialEventId} was changed concurrently.");
