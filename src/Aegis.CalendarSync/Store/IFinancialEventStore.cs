using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>Every method is scoped by user id: a row of another user is never read or written.
/// Inserts/updates/soft-deletes fire the queue trigger in the same transaction unless SyncSource is Google.</summary>
public interface IFinancialEventStore
{
    Task<FinancialEvent?> GetAsync(Guid userId, Guid id, CancellationToken ct, bool includeDeleted = false);
    /// <summary>The user's events with the given ids, in one query (unknown ids are absent from the result).</summary>
    Task<IReadOnlyList<FinancialEvent>> GetManyAsync(Guid userId, IReadOnlyCollection<Guid> ids, CancellationToken ct, bool includeDeleted = false);
    Task<IReadOnlyList<FinancialEvent>> ListAsync(Guid userId, EventQuery query, CancellationToken ct);
    Task InsertAsync(FinancialEvent e, CancellationToken ct);
    /// <summary>Updates all mutable fields; false when the row does not exist for that user. A save that changes
    /// nothing is no write: updated_at and sync_source keep their values.</summary>
    Task<bool> UpdateAsync(FinancialEvent e, CancellationToken ct);
    /// <summary>As <see cref="UpdateAsync"/>, but only while the row's updated_at still equals
    /// <paramref name="expectedUpdatedAt"/> (the version the caller read): false when it was written since. Writes
    /// deleted_at too: the caller writes a whole version it decided on, so a soft-deleted row it writes as live (a
    /// Google edit that won over the wallet's deletion) is restored.</summary>
    Task<bool> UpdateIfUnchangedAsync(FinancialEvent e, DateTimeOffset expectedUpdatedAt, CancellationToken ct);
    /// <summary>As <see cref="SoftDeleteAsync"/>, but only while updated_at still equals <paramref name="expectedUpdatedAt"/>.</summary>
    Task<bool> SoftDeleteIfUnchangedAsync(Guid userId, Guid id, SyncSource source, DateTimeOffset at, DateTimeOffset expectedUpdatedAt,
        CancellationToken ct);
    /// <summary>Sets deleted_at (soft delete) with the given source; false when absent or already deleted.</summary>
    Task<bool> SoftDeleteAsync(Guid userId, Guid id, SyncSource source, DateTimeOffset at, CancellationToken ct);
    /// <summary>Clears deleted_at of a soft-deleted event (source aegis, so the trigger enqueues its push back to
    /// Google); false when absent or not deleted.</summary>
    Task<bool> RestoreAsync(Guid userId, Guid id, CancellationToken ct);
    /// <summary>The user's soft-deleted events (the Trash), most recently deleted first.</summary>
    Task<IReadOnlyList<FinancialEvent>> ListDeletedAsync(Guid userId, int limit, CancellationToken ct);
    /// <summary>Hard-deletes events soft-deleted before <paramref name="before"/> (all users) whose Google side is
    /// settled: no mapping left and no queue item still to run or retry for them. Returns the number removed.</summary>
    Task<int> PurgeDeletedAsync(DateTimeOffset before, CancellationToken ct);
}

public sealed record EventQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, bool IncludeDeleted = false, int Limit = 500, int Offset = 0);
