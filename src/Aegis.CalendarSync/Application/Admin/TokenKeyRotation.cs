using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Admin;

/// <summary>Re-encrypts every stored Google token under the current key (TokenEncryption:Key / KeyId); retired keys
/// stay readable through TokenEncryption:PreviousKeys meanwhile. Resumable: a row whose tokens are already under the
/// current key id is skipped, so a run that stopped halfway is completed by running it again. Each row is replaced
/// by compare-and-swap: a token refreshed concurrently (already sealed with the current key) is left alone.</summary>
public sealed class TokenKeyRotation(ISettingsStore settings, GoogleTokenVault vault)
{
    /// <summary>Re-encrypts at most <paramref name="limit"/> rows (all when null) that are not under the current key.</summary>
    /// <exception cref="Security.TokenDecryptionException">A token names a key that is not configured.</exception>
    public async Task<TokenKeyRotationResult> RotateAsync(int? limit, CancellationToken ct)
    {
        int rotated = 0, current = 0, changed = 0, remaining = 0;
        foreach (var row in await settings.ListAllAsync(ct).ConfigureAwait(false))
        {
            if (row is not { EncryptedAccessToken: { } access, EncryptedRefreshToken: { } refresh }) continue;
            if (vault.IsCurrentKey(access) && vault.IsCurrentKey(refresh))
            {
                current++;
                continue;
            }

            if (rotated + changed >= limit)
            {
                remaining++;
                continue;
            }

            var resealedAccess = vault.SealAccessToken(row.UserId, vault.OpenAccessToken(row.UserId, access));
            var resealedRefresh = vault.SealRefreshToken(row.UserId, vault.OpenRefreshToken(row.UserId, refresh));
            if (await settings.ReplaceTokenCiphertextsAsync(row.UserId, access, refresh, resealedAccess, resealedRefresh, ct).ConfigureAwait(false))
                rotated++;
            else
                changed++;
        }

        return new TokenKeyRotationResult(rotated, current, changed, remaining);
    }
}
