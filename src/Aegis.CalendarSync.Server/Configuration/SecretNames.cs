namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>The root configuration keys of the two secrets (environment or appsettings) and their validity rules;
/// the engine binds them itself (TokenEncryption and Connection options).</summary>
public static class SecretNames
{
    public const string TokensEncryptionKeyName = "TOKENS_ENCRYPTION_KEY";
    public const string WebhookSecretName = "WEBHOOK_SECRET";

    /// <summary>32 bytes as 64 hex characters (AES-256-GCM key).</summary>
    public static bool IsValidEncryptionKey(string? key) =>
        key is { Length: 64 } && key.All(Uri.IsHexDigit);

    /// <summary>At least 32 characters (signs OAuth state).</summary>
    public static bool IsValidWebhookSecret(string? secret) => secret is { Length: >= 32 };
}
