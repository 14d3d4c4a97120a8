using Aegis.CalendarSync.Security;

namespace Aegis.CalendarSync.Google.Auth;

/// <summary>The one place a user's Google tokens are encrypted and decrypted. Each ciphertext is bound to its user and
/// token kind (associated data of <see cref="ITokenEncryptor"/>), so a token copied to another user's row or to the
/// other column fails to decrypt (<see cref="TokenDecryptionException"/>) instead of being used.</summary>
public sealed class GoogleTokenVault(ITokenEncryptor encryptor)
{
    public string SealAccessToken(Guid userId, string accessToken) => encryptor.Encrypt(accessToken, AccessContext(userId));

    public string SealRefreshToken(Guid userId, string refreshToken) => encryptor.Encrypt(refreshToken, RefreshContext(userId));

    /// <exception cref="TokenDecryptionException">Tampered, another user's or another column's ciphertext, or an unknown key.</exception>
    public string OpenAccessToken(Guid userId, string sealedToken) => encryptor.Decrypt(sealedToken, AccessContext(userId));

    /// <exception cref="TokenDecryptionException">Tampered, another user's or another column's ciphertext, or an unknown key.</exception>
    public string OpenRefreshToken(Guid userId, string sealedToken) => encryptor.Decrypt(sealedToken, RefreshContext(userId));

    /// <summary>False when the ciphertext was sealed with a retired key (re-seal it with the current one).</summary>
    public bool IsCurrentKey(string sealedToken) => encryptor.IsCurrentKey(sealedToken);

    private static string AccessContext(Guid userId) => $"google/{userId:N}/access_token";

    private static string RefreshContext(Guid userId) => $"google/{userId:N}/refresh_token";
}
