namespace Aegis.CalendarSync.Model;

/// <summary>Per-user sync configuration and Google connection state. Tokens are only ever stored encrypted.</summary>
public sealed record CalendarSyncSettings
{
    public required Guid UserId { get; init; }
    public bool Enabled { get; init; }
    public string CalendarId { get; init; } = "primary";
    public string? GoogleAccountEmail { get; init; }
    /// <summary>The selected calendar is marked for import: its events that Aegis did not create become financial
    /// events. Off, they are ignored (never imported, never modified). Cleared when sync moves to another calendar.</summary>
    public bool ImportForeignEvents { get; init; }
    /// <summary>A fresh id per successful connect; mappings made under another id belong to an earlier connection.</summary>
    public string? ConnectionId { get; init; }
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
    /// <summary>When <see cref="CalendarId"/> last finished an incremental or full sync.</summary>
    public DateTimeOffset? LastSyncedAt { get; init; }
    /// <summary>Not stored. The type given to an event imported from <see cref="CalendarId"/> when Google names none: the
    /// first event type routed to that calendar, so an imported event stays on the calendar it was made on; null on a
    /// calendar no type is routed to (the mapper's default).</summary>
    public EventType? ImportedEventType { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>These settings seen from <paramref name="calendar"/>, a further synced calendar of the same user: its id
    /// and its own sync token, channel, message number, import flag and sync times in place of the default calendar's.</summary>
    public CalendarSyncSettings ForCalendar(SyncedCalendar calendar) => this with
    {
        CalendarId = calendar.CalendarId,
        SyncToken = calendar.SyncToken,
        GoogleChannelId = calendar.GoogleChannelId,
        GoogleResourceId = calendar.GoogleResourceId,
        ChannelExpiryAt = calendar.ChannelExpiryAt,
        LastMessageNumber = calendar.LastMessageNumber,
        ImportForeignEvents = calendar.ImportForeignEvents,
        LastFullSyncAt = calendar.LastFullSyncAt,
        LastSyncedAt = calendar.LastSyncedAt,
        ImportedEventType = calendar.EventTypes.Count > 0 ? calendar.EventTypes.Min() : null,
    };

    /// <summary>A Google account is connected: a refresh token is stored (sync may still be switched off).</summary>
    public bool IsConnected => EncryptedRefreshToken is not null;

    /// <summary>Sync may call Google for this user: connected and enabled. The one definition of
    /// "connected and enabled"; the store's SQL uses <see cref="Store.Sql.SettingsSql.CanSync"/>, its SQL twin.</summary>
    public bool CanSync => Enabled && IsConnected;
}
