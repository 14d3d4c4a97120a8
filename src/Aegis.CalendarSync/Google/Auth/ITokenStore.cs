namespace Aegis.CalendarSync.Google.Auth;

/// <summary>Persistence of a user's Google tokens, already encrypted by the caller; the implementation maps them to
/// calendar_sync_settings.encrypted_access_token / encrypted_refresh_token / token_expires_at as they are.</summary>
internal interface ITokenStore
{
    Task<StoredTokens?> LoadAsync(Guid userId, CancellationToken ct);
    Task SaveAsync(Guid userId, StoredTokens tokens, CancellationToken ct);
}

/// <summary>Encrypted tokens (see <see cref="Security.ITokenEncryptor"/>) and the access token's expiry instant.</summary>
internal sealed record StoredTokens(string EncryptedAccessToken, string EncryptedRefreshToken, DateTimeOffset ExpiresAt);
