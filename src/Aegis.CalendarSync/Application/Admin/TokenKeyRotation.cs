using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Admin;

/// <summary>Re-encrypts every stored secret (Google access and refresh tokens, webhook secrets) under the current key
/// (TokenEncryption:Key / KeyId); retired keys stay readable through TokenEncryption:PreviousKeys meanwhile.
/// Resumable: a value already under the current key id is skipped, so a run that stopped halfway is completed by
/// running it again. Each row is replaced by compare-and-swap: a row written concurrently (a token refresh or a new
/// channel, both sealed with the current key) is left alone and counted. A webhook secret that does not decrypt was
/// stored before secrets were encrypted; it is left as it is (the settings store reads it as plaintext and encrypts
/// it on the row's next write).</summary>
public sealed class TokenKeyRotation(ISettingsStore settings, GoogleTokenVault vault, ITokenEncryptor encryptor)
{
    /// <summary>Re-encrypts at most <paramref name="limit"/> rows (all when null) holding a value under a retired key.</summary>
    /// <exception cref="TokenDecryptionException">A token names a key that is not configured, or was tampered with.</exception>
    public async Task<TokenKeyRotationResult> RotateAsync(int? limit, CancellationToken ct)
    {
        int rotated = 0, current = 0, changed = 0, remaining = 0;
        foreach (var row in await settings.ListStoredSecretsAsync(ct).ConfigureAwait(false))
        {
            var replacement = row with
            {
                AccessToken = Reseal(row.AccessToken, t => vault.SealAccessToken(row.UserId, vault.OpenAccessToken(row.UserId, t))),
                RefreshToken = Reseal(row.RefreshToken, t => vault.SealRefreshToken(row.UserId, vault.OpenRefreshToken(row.UserId, t))),
                WebhookSecret = ResealWebhookSecret(row.UserId, row.WebhookSecret),
            };
            if (replacement == row)
            {
                if (row.AccessToken is not null || row.RefreshToken is not null || row.WebhookSecret is not null) current++;
                continue;
            }

            if (rotated + changed >= limit)
            {
                remaining++;
                continue;
            }

            if (await settings.ReplaceStoredSecretsAsync(row, replacement, ct).ConfigureAwait(false))
                rotated++;
            else
                changed++;
        }

        return new TokenKeyRotationResult(rotated, current, changed, remaining);
    }

    private string? Reseal(string? stored, Func<string, string> reseal) =>
        stored is null || encryptor.IsCurrentKey(stored) ? stored : reseal(stored);

    private string? ResealWebhookSecret(Guid userId, string? stored)
    {
        if (stored is null) return null;
        var context = WebhookSecretEncryptingSettingsStore.Context(userId);
        try
        {
            return encryptor.IsCurrentKey(stored) ? stored : encryptor.Encrypt(encryptor.Decrypt(stored, context), context);
        }
        catch (TokenDecryptionException)
        {
            return stored; // a plaintext secret from before encryption: not under any key
        }
    }
}
