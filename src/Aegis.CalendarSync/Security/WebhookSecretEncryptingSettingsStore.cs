using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;

namespace Aegis.CalendarSync.Security;

/// <summary>Keeps each user's webhook secret (the channel token Google echoes in every push) encrypted at rest with the
/// tokens' AES-256-GCM key, bound to the user (a ciphertext copied to another row does not decrypt). Callers of
/// <see cref="ISettingsStore"/> see the plaintext, so the webhook's constant-time comparison and channel registration
/// are unchanged. A value stored before encryption existed does not decrypt and is returned as it is; the next write of
/// the row (a reconnect or the channel renewal's upsert) stores it encrypted.</summary>
internal sealed class WebhookSecretEncryptingSettingsStore(SqlSettingsStore inner, ITokenEncryptor encryptor) : ISettingsStore
{
    public static string Context(Guid userId) => $"google/{userId:N}/webhook_secret";

    public async Task<CalendarSyncSettings?> GetAsync(Guid userId, CancellationToken ct) =>
        Reveal(await inner.GetAsync(userId, ct).ConfigureAwait(false));

    public async Task<CalendarSyncSettings?> FindByChannelIdAsync(string channelId, CancellationToken ct) =>
        Reveal(await inner.FindByChannelIdAsync(channelId, ct).ConfigureAwait(false));

    public Task UpsertAsync(CalendarSyncSettings settings, CancellationToken ct) =>
        inner.UpsertAsync(settings.WebhookSecret is { } secret
            ? settings with { WebhookSecret = encryptor.Encrypt(secret, Context(settings.UserId)) }
            : settings, ct);

    public async Task<IReadOnlyList<CalendarSyncSettings>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        RevealAll(await inner.ListChannelsExpiringBeforeAsync(before, ct).ConfigureAwait(false));

    public async Task<IReadOnlyList<CalendarSyncSettings>> ListEnabledAsync(CancellationToken ct) =>
        RevealAll(await inner.ListEnabledAsync(ct).ConfigureAwait(false));

    public async Task<IReadOnlyList<CalendarSyncSettings>> ListAllAsync(CancellationToken ct) =>
        RevealAll(await inner.ListAllAsync(ct).ConfigureAwait(false));

    /// <summary>Passed through: the ciphertexts as stored, for key rotation.</summary>
    public Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken ct) => inner.ListStoredSecretsAsync(ct);

    /// <summary>Passed through: the caller supplies ciphertexts.</summary>
    public Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken ct) =>
        inner.ReplaceStoredSecretsAsync(expected, replacement, ct);

    public Task<bool> TryAdvanceMessageNumberAsync(Guid userId, string channelId, long messageNumber, CancellationToken ct) =>
        inner.TryAdvanceMessageNumberAsync(userId, channelId, messageNumber, ct);

    public Task SetSyncTokenAsync(Guid userId, string? syncToken, CancellationToken ct) => inner.SetSyncTokenAsync(userId, syncToken, ct);

    public Task SaveTokensAsync(Guid userId, string encryptedAccessToken, string encryptedRefreshToken, DateTimeOffset expiresAt, CancellationToken ct) =>
        inner.SaveTokensAsync(userId, encryptedAccessToken, encryptedRefreshToken, expiresAt, ct);

    public Task SavePreferencesAsync(CalendarSyncSettings preferences, CancellationToken ct) => inner.SavePreferencesAsync(preferences, ct);

    public Task SetLastFullSyncAsync(Guid userId, DateTimeOffset at, CancellationToken ct) => inner.SetLastFullSyncAsync(userId, at, ct);

    public Task SaveChannelAsync(Guid userId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct) =>
        inner.SaveChannelAsync(userId, channelId, resourceId, expiresAt, ct);

    public Task DisableAsync(Guid userId, string reason, CancellationToken ct) => inner.DisableAsync(userId, reason, ct);

    public Task<bool> TryStartAsync(Guid userId, string calendarId, bool importForeignEvents, CancellationToken ct) =>
        inner.TryStartAsync(userId, calendarId, importForeignEvents, ct);

    public Task SaveCalendarAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset channelExpiresAt, CancellationToken ct) =>
        inner.SaveCalendarAsync(userId, calendarId, channelId, resourceId, channelExpiresAt, ct);

    private IReadOnlyList<CalendarSyncSettings> RevealAll(IReadOnlyList<CalendarSyncSettings> rows) => rows.Select(r => Reveal(r)!).ToList();

    private CalendarSyncSettings? Reveal(CalendarSyncSettings? settings)
    {
        if (settings?.WebhookSecret is not { } stored) return settings;
        try
        {
            return settings with { WebhookSecret = encryptor.Decrypt(stored, Context(settings.UserId)) };
        }
        catch (TokenDecryptionException)
        {
            return settings; // written before secrets were encrypted
        }
    }
}
