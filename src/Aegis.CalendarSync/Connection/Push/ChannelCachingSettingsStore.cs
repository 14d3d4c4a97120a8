using System.Collections.Concurrent;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>The webhook's fast path: <see cref="FindByChannelIdAsync"/> answers from memory (decrypted, as the
/// encrypting store returns it) for up to <see cref="ConnectionOptions.PushChannelCacheTtl"/>, so a valid push costs no
/// channel read. Every write through this store that can change a channel (a new or renewed channel, a calendar
/// switch, disabling, preferences, a full upsert, re-encrypted secrets) drops the user's cached rows first, so this
/// process never validates against a replaced channel; another node's change is seen within the TTL, and a push on a
/// channel replaced elsewhere is still refused by the message-number write, which matches the stored channel id.
/// Only channels that exist are cached, at most <see cref="Capacity"/>, so forged ids cannot grow it.</summary>
internal sealed class ChannelCachingSettingsStore(
    WebhookSecretEncryptingSettingsStore inner,
    IOptions<ConnectionOptions> options,
    TimeProvider time) : ISettingsStore
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Cached> _channels = new(StringComparer.Ordinal);

    public async Task<CalendarSyncSettings?> FindByChannelIdAsync(string channelId, CancellationToken ct)
    {
        var ttl = options.Value.PushChannelCacheTtl;
        if (_channels.TryGetValue(channelId, out var cached) && time.GetElapsedTime(cached.ReadAt) < ttl) return cached.Settings;
        var readAt = time.GetTimestamp();
        var settings = await inner.FindByChannelIdAsync(channelId, ct).ConfigureAwait(false);
        if (settings is null || ttl <= TimeSpan.Zero)
        {
            _channels.TryRemove(channelId, out _);
            return settings;
        }

        if (_channels.Count >= Capacity) _channels.Clear();
        _channels[channelId] = new Cached(settings, readAt);
        return settings;
    }

    public Task<CalendarSyncSettings?> GetAsync(Guid userId, CancellationToken ct) => inner.GetAsync(userId, ct);

    public Task UpsertAsync(CalendarSyncSettings settings, CancellationToken ct) =>
        Invalidating(settings.UserId, () => inner.UpsertAsync(settings, ct));

    public Task<IReadOnlyList<CalendarSyncSettings>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        inner.ListChannelsExpiringBeforeAsync(before, ct);

    public Task<IReadOnlyList<CalendarSyncSettings>> ListEnabledAsync(CancellationToken ct) => inner.ListEnabledAsync(ct);

    public Task<IReadOnlyList<CalendarSyncSettings>> ListAllAsync(CancellationToken ct) => inner.ListAllAsync(ct);

    public Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken ct) => inner.ListStoredSecretsAsync(ct);

    public Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken ct) =>
        Invalidating(expected.UserId, () => inner.ReplaceStoredSecretsAsync(expected, replacement, ct));

    public Task<bool> TryAdvanceMessageNumberAsync(Guid userId, string channelId, long messageNumber, CancellationToken ct) =>
        inner.TryAdvanceMessageNumberAsync(userId, channelId, messageNumber, ct);

    public Task SetSyncTokenAsync(Guid userId, string? syncToken, CancellationToken ct) => inner.SetSyncTokenAsync(userId, syncToken, ct);

    public Task SaveTokensAsync(Guid userId, string encryptedAccessToken, string encryptedRefreshToken, DateTimeOffset expiresAt, CancellationToken ct) =>
        inner.SaveTokensAsync(userId, encryptedAccessToken, encryptedRefreshToken, expiresAt, ct);

    public Task SavePreferencesAsync(CalendarSyncSettings preferences, CancellationToken ct) =>
        Invalidating(preferences.UserId, () => inner.SavePreferencesAsync(preferences, ct));

    public Task SetLastFullSyncAsync(Guid userId, DateTimeOffset at, CancellationToken ct) => inner.SetLastFullSyncAsync(userId, at, ct);

    public Task SaveChannelAsync(Guid userId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct) =>
        Invalidating(userId, () => inner.SaveChannelAsync(userId, channelId, resourceId, expiresAt, ct));

    public Task DisableAsync(Guid userId, string reason, CancellationToken ct) =>
        Invalidating(userId, () => inner.DisableAsync(userId, reason, ct));

    public Task<bool> TryStartAsync(Guid userId, string calendarId, bool importForeignEvents, CancellationToken ct) =>
        Invalidating(userId, () => inner.TryStartAsync(userId, calendarId, importForeignEvents, ct));

    public Task SaveCalendarAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset channelExpiresAt, CancellationToken ct) =>
        Invalidating(userId, () => inner.SaveCalendarAsync(userId, calendarId, channelId, resourceId, channelExpiresAt, ct));

    /// <summary>Drops the user's rows before the write and again after it, so a lookup racing the write cannot leave
    /// the old row cached.</summary>
    private async Task<T> Invalidating<T>(Guid userId, Func<Task<T>> write)
    {
        Forget(userId);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            Forget(userId);
        }
    }

    private Task Invalidating(Guid userId, Func<Task> write) =>
        Invalidating(userId, async () =>
        {
            await write().ConfigureAwait(false);
            return true;
        });

    private void Forget(Guid userId)
    {
        foreach (var (channelId, cached) in _channels)
        {
            if (cached.Settings.UserId == userId) _channels.TryRemove(channelId, out _);
        }
    }

    private sealed record Cached(CalendarSyncSettings Settings, long ReadAt);
}
