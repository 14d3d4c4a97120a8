using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>The webhook's fast path: <see cref="FindByChannelIdAsync"/> answers from the <see cref="PushChannelCache"/>
/// (decrypted, as the encrypting store returns it), so a valid push costs no channel read. Every write through this
/// store that can change a channel (a new or renewed channel, a calendar switch, disabling, preferences, a full upsert,
/// re-encrypted secrets) drops the user's cached rows, as <see cref="ChannelCachingSyncedCalendarStore"/> does for the
/// further calendars' channels, so this process never validates against a replaced channel. A message number the
/// database refuses drops the channel's row: the channel may have been replaced by another node (the advance matches
/// the stored channel id), so its next lookup reads the database.</summary>
internal sealed class ChannelCachingSettingsStore(WebhookSecretEncryptingSettingsStore inner, PushChannelCache cache) : ISettingsStore
{
    public Task<CalendarSyncSettings?> FindByChannelIdAsync(string channelId, CancellationToken ct) =>
        cache.GetOrReadAsync(channelId, () => inner.FindByChannelIdAsync(channelId, ct));

    public Task<CalendarSyncSettings?> GetAsync(Guid userId, CancellationToken ct) => inner.GetAsync(userId, ct);

    public Task UpsertAsync(CalendarSyncSettings settings, CancellationToken ct) =>
        cache.InvalidatingAsync(settings.UserId, () => inner.UpsertAsync(settings, ct));

    public Task<IReadOnlyList<CalendarSyncSettings>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        inner.ListChannelsExpiringBeforeAsync(before, ct);

    public Task<IReadOnlyList<CalendarSyncSettings>> ListEnabledAsync(CancellationToken ct) => inner.ListEnabledAsync(ct);

    public Task<IReadOnlyList<CalendarSyncSettings>> ListAllAsync(CancellationToken ct) => inner.ListAllAsync(ct);

    public Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken ct) => inner.ListStoredSecretsAsync(ct);

    public Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken ct) =>
        cache.InvalidatingAsync(expected.UserId, () => inner.ReplaceStoredSecretsAsync(expected, replacement, ct));

    public async Task<bool> TryAdvanceMessageNumberAsync(Guid userId, string channelId, long messageNumber, CancellationToken ct)
    {
        if (await inner.TryAdvanceMessageNumberAsync(userId, channelId, messageNumber, ct).ConfigureAwait(false)) return true;
        cache.Forget(channelId);
        return false;
    }

    public Task SetSyncTokenAsync(Guid userId, string? syncToken, CancellationToken ct) => inner.SetSyncTokenAsync(userId, syncToken, ct);

    public Task SaveTokensAsync(Guid userId, string encryptedAccessToken, string encryptedRefreshToken, DateTimeOffset expiresAt, CancellationToken ct) =>
        inner.SaveTokensAsync(userId, encryptedAccessToken, encryptedRefreshToken, expiresAt, ct);

    public Task SavePreferencesAsync(CalendarSyncSettings preferences, CancellationToken ct) =>
        cache.InvalidatingAsync(preferences.UserId, () => inner.SavePreferencesAsync(preferences, ct));

    public Task SetLastFullSyncAsync(Guid userId, DateTimeOffset at, CancellationToken ct) => inner.SetLastFullSyncAsync(userId, at, ct);

    public Task SaveChannelAsync(Guid userId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct) =>
        cache.InvalidatingAsync(userId, () => inner.SaveChannelAsync(userId, channelId, resourceId, expiresAt, ct));

    public Task DisableAsync(Guid userId, string reason, CancellationToken ct) =>
        cache.InvalidatingAsync(userId, () => inner.DisableAsync(userId, reason, ct));

    public Task<bool> TryStartAsync(Guid userId, string calendarId, bool importForeignEvents, CancellationToken ct) =>
        cache.InvalidatingAsync(userId, () => inner.TryStartAsync(userId, calendarId, importForeignEvents, ct));

    public Task SaveCalendarAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset channelExpiresAt, CancellationToken ct) =>
        cache.InvalidatingAsync(userId, () => inner.SaveCalendarAsync(userId, calendarId, channelId, resourceId, channelExpiresAt, ct));
}
