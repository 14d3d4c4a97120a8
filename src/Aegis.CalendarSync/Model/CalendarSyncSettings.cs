namespace Aegis.CalendarSync.Model;

/// <summary>Per-user sync configuration and Google connection state. Tokens are only ever stored encrypted.</summary>
public sealed record CalendarSyncSettings
{
    public required Guid UserId { get; init; }
    public bool Enabled { get; init; }
    public string CalendarId { get; init; } = "primary";
    public string? GoogleAccountEmail { get; init; }
    public string? EncryptedAccessToken { get; init; }
    public string? EncryptedRefreshToken { get; init; }
    public DateTimeOffset? TokenExpiresAt { get; init; }
    public string? SyncToken { get; init; }
    public string? GoogleChannelId { get; init; }
    public string? GoogleResourceId { get; init; }
    public DateTimeOffset? ChannelExpiryAt { get; init; }
    /// <summary>Per-user secret sent to Google as the channel token; compared in constant time on every push.</summary>
    public string? WebhookSecret { get; init; }
    /// <summary>Highest X-Goog-Message-Number seen on the current channel (duplicates are ignored).</summary>
    public long LastMessageNumber { get; init; }
    public ConflictStrategy ConflictStrategy { get; init; } = ConflictStrategy.LastWriteWins;
    public DateTimeOffset? LastFullSyncAt { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
