namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>A user's sync state right now: queue items waiting, being worked on and dead-lettered (failed every
/// retry), the oldest waiting item, the Google connection, the push channel's expiry and the last change carried
/// across successfully.</summary>
public sealed record SyncHealth(
    long Pending,
    long Processing,
    long DeadLetters,
    DateTimeOffset? OldestPendingAt,
    bool Connected,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? ChannelExpiresAt,
    DateTimeOffset? LastChangeSyncedAt)
{
    public static readonly SyncHealth None = new(0, 0, 0, null, false, false, null, null, null);
}
