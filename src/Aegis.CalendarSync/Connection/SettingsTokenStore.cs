using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Connection;

/// <summary>Keeps the (already encrypted) Google tokens in calendar_sync_settings. Writes touch only the token
/// columns, so a refresh never overwrites a sync token or channel written concurrently.</summary>
internal sealed class SettingsTokenStore(ISettingsStore settings) : ITokenStore
{
    public async Task<StoredTokens?> LoadAsync(Guid userId, CancellationToken ct)
    {
        var s = await settings.GetAsync(userId, ct).ConfigureAwait(false);
        return s is { EncryptedAccessToken: { } access, EncryptedRefreshToken: { } refresh, TokenExpiresAt: { } expires }
            ? new StoredTokens(access, refresh, expires)
            : null;
    }

    public Task SaveAsync(Guid userId, StoredTokens tokens, CancellationToken ct) =>
        settings.SaveTokensAsync(userId, tokens.EncryptedAccessToken, tokens.EncryptedRefreshToken, tokens.ExpiresAt, ct);
}
