using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>The caller's sync settings without any token or secret. <see cref="AwaitingStart"/>: connected, and the first
/// sync waits for the go-ahead (<c>GET /api/sync/preview</c>, then <c>POST /api/sync/preview/start</c> or <c>cancel</c>).</summary>
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
    DateTimeOffset? UpdatedAt,
    bool AwaitingStart)
{
    public static SyncSettingsResponse From(CalendarSyncSettings? s) => s is null
        ? new(false, false, "primary", false, ConflictStrategy.LastWriteWins, null, null, null, null, null, false)
        : new(s.Enabled, s.IsConnected, s.CalendarId, s.ImportForeignEvents, s.ConflictStrategy, s.GoogleAccountEmail, s.ChannelExpiryAt,
            s.LastFullSyncAt, s.DisabledReason, s.UpdatedAt, s.AwaitsStart);
}
