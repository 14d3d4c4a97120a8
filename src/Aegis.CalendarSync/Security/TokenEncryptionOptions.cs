namespace Aegis.CalendarSync.Security;

/// <summary>Configuration section "TokenEncryption". <see cref="Key"/> falls back to the TOKENS_ENCRYPTION_KEY
/// setting. To rotate: move the current key to <see cref="PreviousKeys"/> under its id, set a new key and a new
/// <see cref="KeyId"/>; old ciphertexts still decrypt and are re-encrypted with the new key when next read.</summary>
internal sealed class TokenEncryptionOptions
{
    public const string SectionName = "TokenEncryption";
    public const string KeyEnvironmentVariable = "TOKENS_ENCRYPTION_KEY";

    /// <summary>Current AES-256 key: 64 hex characters (32 bytes).</summary>
    public string Key { get; set; } = "";

    /// <summary>Id (1..255) written in front of every ciphertext made with <see cref="Key"/>.</summary>
    public int KeyId { get; set; } = 1;

    /// <summary>Retired keys accepted for decryption only: key id ("1".."255") → 64 hex characters.</summary>
    public Dictionary<string, string> PreviousKeys { get; set; } = [];
}
