namespace Aegis.CalendarSync.Sync;

/// <summary>Audit action names (calendar_sync_audit.action), the seed's vocabulary.</summary>
public static class SyncActions
{
    public const string SyncToGoogle = "sync_to_google";
    public const string DeleteInGoogle = "delete_in_google";
    public const string SyncFromGoogle = "sync_from_google";
    public const string DeleteFromGoogle = "delete_from_google";
    public const string IncrementalSync = "incremental_sync";
    public const string FullSync = "full_sync";
    public const string Conflict = "conflict";
    public const string ConflictResolved = "conflict_resolved";
    public const string SyncFailed = "sync_failed";
    public const string SyncDisabled = "sync_disabled";
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
    public const string ChannelRenewed = "channel_renewed";
    public const string CalendarSwitched = "calendar_switched";
}
