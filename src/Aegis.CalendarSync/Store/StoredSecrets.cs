namespace Aegis.CalendarSync.Store;

/// <summary>A settings row's encrypted columns as stored: the Google tokens (sealed by the token vault) and the
/// webhook secret (sealed by the settings store). Ciphertexts, never plaintext.</summary>
public sealed record StoredSecrets(Guid UserId, string? AccessToken, string? RefreshToken, string? WebhookSecret);
