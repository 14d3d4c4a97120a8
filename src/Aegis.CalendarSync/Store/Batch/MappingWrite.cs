using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store.Batch;

/// <summary>The net effect of an item's mapping writes to one (user, financial event), written at the batch's commit:
/// delete the stored row first (<see cref="DeleteFirst"/>), then leave <see cref="Final"/> (null: no row). When the
/// row is neither deleted nor new, the update is conditioned on <see cref="LoadedVersion"/>, the version the batch
/// read, so a concurrent writer's row is never overwritten (the item is retried instead, as a lost optimistic lock).</summary>
internal sealed record MappingWrite(Guid UserId, Guid FinancialEventId, long? LoadedVersion, bool DeleteFirst, CalendarSyncMapping? Final)
{
    /// <summary>True when the commit updates the loaded row in place (WHERE version = LoadedVersion).</summary>
    public bool IsUpdate => Final is not null && LoadedVersion is not null && !DeleteFirst;

    /// <summary>True when the commit inserts <see cref="Final"/> (no row was loaded, or it is deleted first).</summary>
    public bool IsInsert => Final is not null && !IsUpdate;
}
