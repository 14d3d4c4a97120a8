using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

public interface ISettingsStore
{
    Task<CalendarSyncSettings?> GetAsync(Guid userId, CancellationToken ct);
    Task<CalendarSyncSettings?> FindByChannelIdAsync(string channelId, CancellationToken ct);
    Task UpsertAsync(CalendarSyncSettings settings, CancellationToken ct);
    /// <summary>Enabled settings whose channel expires before <paramref name="before"/>, or that have no channel
    /// (a registration that failed at connect time is retried by the renewal job).</summary>
    Task<IReadOnlyList<CalendarSyncSettings>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct);
    Task<IReadOnlyList<CalendarSyncSettings>> ListEnabledAsync(CancellationToken ct);
    /// <summary>Every user's settings row (enabled or not), ordered by user id.</summary>
    Task<IReadOnlyList<CalendarSyncSettings>> ListAllAsync(CancellationToken ct);
    /// <summary>The encrypted columns of every row exactly as stored (for key rotation), ordered by user id.</summary>
    Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken ct);
    /// <summary>Replaces a row's encrypted columns only while all of them still equal <paramref name="expected"/>
    /// (compare-and-swap), so a token refreshed or a channel registered concurrently is never overwritten with a
    /// stale re-encryption; false when any of them changed.</summary>
    Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken ct);
    /// <summary>Atomically raises last_message_number; false when <paramref name="messageNumber"/> is not greater (duplicate).</summary>
    Task<bool> TryAdvanceMessageNumberAsync(Guid userId, string channelId, long messageNumber, CancellationToken ct);
    /// <summary>Stores the sync token only (after the last page of a list has been committed).</summary>
    Task SetSyncTokenAsync(Guid userId, string? syncToken, CancellationToken ct);
    /// <summary>Writes only the token columns (a refresh must not overwrite a concurrently written sync token).</summary>
    Task SaveTokensAsync(Guid userId, string encryptedAccessToken, string encryptedRefreshToken, DateTimeOffset expiresAt, CancellationToken ct);
    /// <summary>Writes only the user's choices (enabled, calendar id, conflict strategy, disabled reason), creating the row
    /// when absent; tokens, channel and sync token written concurrently by the engine are left alone.</summary>
    Task SavePreferencesAsync(CalendarSyncSettings preferences, CancellationToken ct);
    /// <summary>Records a completed full sync (touches only last_full_sync_at).</summary>
    Task SetLastFullSyncAsync(Guid userId, DateTimeOffset at, CancellationToken ct);
    /// <summary>Stores a newly registered push channel (touches only the channel columns; resets last_message_number,
    /// since a new channel numbers its messages from 1).</summary>
    Task SaveChannelAsync(Guid userId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct);
    Task DisableAsync(Guid userId, string reason, CancellationToken ct);
    /// <summary>The user's go-ahead for a connection awaiting its first sync, in one statement: no longer awaiting,
    /// syncing <paramref name="calendarId"/> (marked for import or not). False, and nothing changed, when the user's
    /// connection was not awaiting the go-ahead (never connected, already started, cancelled, or a concurrent Start won).</summary>
    Task<bool> TryStartAsync(Guid userId, string calendarId, bool importForeignEvents, CancellationToken ct);
    /// <summary>Points sync at another calendar in one statement: the calendar id, the channel registered on it
    /// (last_message_number reset), and no sync token (the old calendar's token means nothing for the new one). Another
    /// calendar is not marked for import (<see cref="Model.CalendarSyncSettings.ImportForeignEvents"/> cleared).</summary>
    Task SaveCalendarAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset channelExpiresAt, CancellationToken ct);
}
