using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class SettingsRow
{
    public const string Columns =
        "user_id AS UserId, enabled AS Enabled, calendar_id AS CalendarId, google_account_email AS GoogleAccountEmail, " +
        "encrypted_access_token AS EncryptedAccessToken, encrypted_refresh_token AS EncryptedRefreshToken, " +
        "token_expires_at AS TokenExpiresAt, sync_token AS SyncToken, google_channel_id AS GoogleChannelId, " +
        "google_resource_id AS GoogleResourceId, channel_expiry_at AS ChannelExpiryAt, webhook_secret AS WebhookSecret, " +
        "last_message_number AS LastMessageNumber, conflict_strategy AS ConflictStrategy, " +
        "last_full_sync_at AS LastFullSyncAt, disabled_reason AS DisabledReason, updated_at AS UpdatedAt, connection_id AS ConnectionId, " +
        "import_foreign_events AS ImportForeignEvents, last_synced_at AS LastSyncedAt";

    public object UserId { get; init; } = null!;
    public bool Enabled { get; init; }
    public string CalendarId { get; init; } = "";
    public string? GoogleAccountEmail { get; init; }
    public string? EncryptedAccessToken { get; init; }
    public string? EncryptedRefreshToken { get; init; }
    public object? TokenExpiresAt { get; init; }
    public string? SyncToken { get; init; }
    public string? GoogleChannelId { get; init; }
    public string? GoogleResourceId { get; init; }
    public object? ChannelExpiryAt { get; init; }
    public string? WebhookSecret { get; init; }
    public long LastMessageNumber { get; init; }
    public string ConflictStrategy { get; init; } = "";
    public object? LastFullSyncAt { get; init; }
    public string? DisabledReason { get; init; }
    public object UpdatedAt { get; init; } = null!;
    public string? ConnectionId { get; init; }
    public bool ImportForeignEvents { get; init; }
    public object? LastSyncedAt { get; init; }

    public CalendarSyncSettings ToModel() => new()
    {
        UserId = DbValue.ToGuid(UserId),
        Enabled = Enabled,
        CalendarId = CalendarId,
        GoogleAccountEmail = GoogleAccountEmail,
        EncryptedAccessToken = EncryptedAccessToken,
        EncryptedRefreshToken = EncryptedRefreshToken,
        TokenExpiresAt = DbValue.ToNullableTime(TokenExpiresAt),
        SyncToken = SyncToken,
        GoogleChannelId = GoogleChannelId,
        GoogleResourceId = GoogleResourceId,
        ChannelExpiryAt = DbValue.ToNullableTime(ChannelExpiryAt),
        WebhookSecret = WebhookSecret,
        LastMessageNumber = LastMessageNumber,
        ConflictStrategy = EnumText.Parse<Model.ConflictStrategy>(ConflictStrategy),
        LastFullSyncAt = DbValue.ToNullableTime(LastFullSyncAt),
        DisabledReason = DisabledReason,
        UpdatedAt = DbValue.ToTime(UpdatedAt),
        ConnectionId = ConnectionId,
        ImportForeignEvents = ImportForeignEvents,
        LastSyncedAt = DbValue.ToNullableTime(LastSyncedAt),
    };
}
