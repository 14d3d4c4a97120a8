using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>Occurrence overrides of recurring financial events. Every method is scoped by user id. A content write
/// (<see cref="UpsertAsync"/>) of an override whose source is not Google enqueues the series' outbound upsert in the
/// same transaction (the trigger of financial events, coalesced); sync-state writes enqueue nothing.</summary>
public interface IOccurrenceStore
{
    Task<OccurrenceOverride?> GetAsync(Guid userId, Guid financialEventId, DateTimeOffset originalStart, CancellationToken ct);

    /// <summary>Overrides of one series in original-start order.</summary>
    Task<IReadOnlyList<OccurrenceOverride>> ListAsync(Guid userId, Guid financialEventId, CancellationToken ct);

    /// <summary>Inserts or replaces the content (status, amount, start, end, title, source) of the override; keeps
    /// created_at and the sync state. A save that changes no content column is no write: the override keeps its
    /// updated_at (the clock last-write-wins compares) and its source. False when the series does not exist for that
    /// user (nothing written).</summary>
    Task<bool> UpsertAsync(OccurrenceOverride occurrence, CancellationToken ct);

    /// <summary>Records what Google holds for the occurrence (etag and agreed content hash); with
    /// <paramref name="syncedVersionAt"/> also which version of the override that is (its updated_at as read before the
    /// write to Google), otherwise the recorded version is kept. Enqueues nothing.</summary>
    Task RecordSyncAsync(Guid userId, Guid financialEventId, DateTimeOffset originalStart, string? googleEtag, string? contentHash,
        DateTimeOffset? syncedVersionAt, CancellationToken ct);

    /// <summary>Moves the overrides of <paramref name="fromEventId"/> whose original start is at or after
    /// <paramref name="from"/> to <paramref name="toEventId"/> (a series split in two); returns how many moved.</summary>
    Task<int> MoveAsync(Guid userId, Guid fromEventId, Guid toEventId, DateTimeOffset from, CancellationToken ct);
}
