using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>The caller's sync settings without any token or secret.</summary>
public sealed record SyncSettingsResponse(
    bool Enabled,
    bool Connected,
    string CalendarId,
    bool ImportForeignEvents,
    ConflictStrategy ConflictStrategy,
    string? GoogleAccountEmail,
    DateTimeOffset? ChannelExpiryAt,
    DateTimeOffset? LastFullSyncAt,
    string? DisabledReason,
    DateTimeOffset? UpdatedAt)
{
    public static SyncSettingsResponse From(CalendarSyncSettings? s) => s is null
        ? new(false, false, "primary", false, ConflictStrategy.LastWriteWins, null, null, null, null, null)
        : new(s.Enabled, s.IsConnected, s.CalendarId, s.ImportForeignEvents, s.ConflictStrategy, s.GoogleAccountEmail, s.ChannelExpiryAt,
            s.LastFullSyncAt, s.DisabledReason, s.UpdatedAt);
}
