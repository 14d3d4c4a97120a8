namespace Aegis.CalendarSync.Security;

/// <summary>Authenticated encryption of secrets at rest (OAuth tokens).</summary>
public interface ITokenEncryptor
{
    /// <summary>Encrypts with the current key. <paramref name="context"/> (e.g. "{userId}/refresh") is bound as
    /// associated data: the ciphertext only decrypts with the same context, so it cannot be moved to another row.</summary>
    string Encrypt(string plaintext, string context);

    /// <summary>Decrypts with whichever configured key the ciphertext names.</summary>
    /// <exception cref="TokenDecryptionException">Malformed, tampered, wrong context or unknown key id.</exception>
    string Decrypt(string ciphertext, string context);

    /// <summary>True when <paramref name="ciphertext"/> was made with the current key (no re-encryption needed).</summary>
    bool IsCurrentKey(string ciphertext);
}
