using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>Whether the wallet changed a live event since the version its mapping records as synced. Last-write-wins
/// compares versions by their recorded clocks, not by content (docs/architecture.md, "Conflicts"): a wallet write that changed the
/// event is a version of its own, stamped with its <c>updated_at</c>, even when a later write brings the content back
/// to the version last synced. A save that changes nothing is no write (the store keeps its <c>updated_at</c>).</summary>
internal static class LocalChange
{
    /// <summary>True when <paramref name="local"/>'s content differs from the version agreed with Google
    /// (<see cref="CalendarSyncMapping.ContentHash"/>), or when the wallet wrote it since (<see cref="WroteSinceSync"/>).</summary>
    public static bool IsUnsynced(FinancialEvent local, CalendarSyncMapping mapping, FinancialEventMapper mapper) =>
        ContentChanged(local, mapping, mapper) || WroteSinceSync(local, mapping);

    public static bool ContentChanged(FinancialEvent local, CalendarSyncMapping mapping, FinancialEventMapper mapper) =>
        mapper.ContentHash(local) != mapping.ContentHash;

    /// <summary>The row's last write is the wallet's (a write by the sync from Google marks it <c>sync_source =
    /// google</c> until the wallet writes again) and is not the version last pushed, whose <c>updated_at</c> the push
    /// recorded as the mapping's <see cref="CalendarSyncMapping.LastModifiedAt"/>.</summary>
    public static bool WroteSinceSync(FinancialEvent local, CalendarSyncMapping mapping) =>
        local.SyncSource != SyncSource.Google && local.UpdatedAt != mapping.LastModifiedAt;
}
