using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;

namespace Aegis.CalendarSync.Store;

/// <summary>The changes from Google of one listed page written together (issue 12): new wallet events, updated ones,
/// their mapping rows and their audit rows, each kind as one multi-row statement in one transaction (SQLite: one
/// write transaction). Every write keeps the per-event path's checks, and a page is written whole or not at all.</summary>
internal interface IInboundPageStore
{
    /// <summary>Writes <paramref name="page"/> in one transaction: inserts its new events (only where no row has the
    /// id yet), updates its changed ones (only while <c>updated_at</c> still equals the version the sync decided on;
    /// <c>updated_at</c> becomes the clock's now, <c>sync_source</c> google whatever the event says, so the queue trigger
    /// enqueues nothing: a version Google is to be told about is not written here), then
    /// its mapping writes (<see cref="MappingWrite"/>: an update only at the version read) and its audit rows. When any
    /// conditional write finds the row changed (a wallet edit or another sync in between), the transaction is rolled
    /// back, nothing is written and false is returned.</summary>
    Task<bool> WriteAsync(InboundPageWrite page, CancellationToken ct);
}

/// <summary>What one page writes: <see cref="Updates"/> pair each event with the <c>updated_at</c> it was read at.</summary>
internal sealed record InboundPageWrite(
    IReadOnlyList<FinancialEvent> Inserts,
    IReadOnlyList<(FinancialEvent Event, DateTimeOffset ExpectedUpdatedAt)> Updates,
    IReadOnlyList<MappingWrite> Mappings,
    IReadOnlyList<AuditEntry> Audits)
{
    public bool IsEmpty => Inserts.Count == 0 && Updates.Count == 0 && Mappings.Count == 0 && Audits.Count == 0;
}
