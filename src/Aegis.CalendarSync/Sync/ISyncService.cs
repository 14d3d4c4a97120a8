namespace Aegis.CalendarSync.Sync;

/// <summary>The four sync operations of the seed's google-calendar-sync function. Every call writes an audit row.
/// Normally driven by the queue (the trigger and the webhook enqueue work); the API calls them for "sync now".</summary>
public interface ISyncService
{
    /// <summary>Pushes one financial event (insert, update with If-Match, or delete) to Google.</summary>
    Task SyncToGoogleAsync(Guid userId, Guid financialEventId, CancellationToken ct);

    /// <summary>Pulls one Google event into the wallet.</summary>
    Task SyncFromGoogleAsync(Guid userId, string googleEventId, CancellationToken ct);

    /// <summary>Lists changes since the stored sync token (all pages); falls back to a full sync on 410.</summary>
    Task IncrementalSyncAsync(Guid userId, CancellationToken ct);

    /// <summary>As <see cref="IncrementalSyncAsync(Guid, CancellationToken)"/> for one synced calendar (each has its own
    /// sync token; a 410 full-syncs that calendar only); null: every calendar the user syncs, one after the other.</summary>
    Task IncrementalSyncAsync(Guid userId, string? calendarId, CancellationToken ct);

    /// <summary>Lists the last 30 days and later, imports and reconciles deletions, stores a fresh sync token,
    /// and pushes local events that have no Google counterpart yet.</summary>
    Task FullSyncAsync(Guid userId, CancellationToken ct);

    /// <summary>As <see cref="FullSyncAsync(Guid, CancellationToken)"/> for one synced calendar; null: every one.</summary>
    Task FullSyncAsync(Guid userId, string? calendarId, CancellationToken ct);

    /// <summary>Resolves a conflict kept for the user (strategy manual).</summary>
    Task ResolveConflictAsync(Guid userId, long conflictId, ConflictResolution keep, CancellationToken ct);

    /// <summary>Resolves a conflict kept for the user with a per-field pick: the merged version is written to the
    /// wallet and to Google. Throws <see cref="ConflictMergeException"/> when a merge cannot apply (nothing written).</summary>
    Task MergeConflictAsync(Guid userId, long conflictId, ConflictMerge merge, CancellationToken ct);
}
