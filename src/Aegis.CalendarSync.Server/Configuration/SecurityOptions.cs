namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Secrets read from the root keys TOKENS_ENCRYPTION_KEY and WEBHOOK_SECRET (environment or appsettings).
/// Validated on start: a missing or short key refuses to start with a message naming the variable.</summary>
public sealed class SecurityOptions
{
    public const string TokensEncryptionKeyName = "TOKENS_ENCRYPTION_KEY";
    public const string WebhookSecretName = "WEBHOOK_SECRET";

    /// <summary>32 bytes as 64 hex characters (AES-256-GCM key).</summary>
    public string? TokensEncryptionKey { get; set; }

    /// <summary>Server-wide secret (at least 32 characters) used to sign OAuth state.</summary>
    public string? WebhookSecret { get; set; }

    public static bool IsValidEncryptionKey(string? key) =>
        key is { Length: 64 } && key.All(Uri.IsHexDigit);

    public static bool IsValidWebhookSecret(string? secret) => secret is { Length: >= 32 };
}
