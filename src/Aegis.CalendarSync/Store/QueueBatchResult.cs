using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>What a batch's commit did for one item: the outcome written (the handler's, or a retry when its mapping
/// write lost the optimistic lock at the commit) and whether it was recorded (false: the item's lease was lost, so
/// none of its writes were committed; the new holder's result stands).</summary>
public sealed record QueueBatchResult(SyncQueueItem Item, QueueItemOutcome Outcome, bool Recorded, bool MappingWriteLost);

/// <summary>What a batch's commit wrote: one result per outcome, in order. When the audit rows could not be written
/// (<see cref="AuditFailure"/>), the commit was redone without them (audit writes never fail the work they describe)
/// and <see cref="LostAudits"/> lists them.</summary>
public sealed record QueueBatchCommit(IReadOnlyList<QueueBatchResult> Results, IReadOnlyList<AuditEntry> LostAudits, Exception? AuditFailure);
