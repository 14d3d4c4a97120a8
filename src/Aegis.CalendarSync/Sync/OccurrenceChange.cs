using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Sync;

/// <summary>Whether the wallet changed one occurrence since the version agreed with Google: the occurrence form of
/// <see cref="LocalChange"/>. Last-write-wins compares versions by their recorded clocks, not by content
/// (docs/architecture.md, "Conflicts"): a wallet write of the override is a version of its own, stamped with its
/// <c>updated_at</c>, even when a later write brings it back to the version last synced. A save that changes nothing
/// is no write (the store keeps <c>updated_at</c>).</summary>
internal static class OccurrenceChange
{
    /// <summary>True when the wallet's occurrence (<paramref name="ours"/>: the hash of the instance it would write)
    /// differs from the version agreed with Google, or when the wallet wrote the override since (<see cref="WroteSinceSync"/>).
    /// No override: the wallet never changed the occurrence.</summary>
    public static bool IsUnsynced(OccurrenceOverride? existing, string ours) =>
        existing is not null && (ours != existing.ContentHash || WroteSinceSync(existing));

    /// <summary>The override's last write is the wallet's (a write by the sync from Google marks it <c>sync_source =
    /// google</c> until the wallet writes again) and is not the version last synced.</summary>
    public static bool WroteSinceSync(OccurrenceOverride existing) =>
        existing.SyncSource != SyncSource.Google && existing.UpdatedAt != existing.SyncedVersionAt;
}
