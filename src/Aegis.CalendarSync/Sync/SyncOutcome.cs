namespace Aegis.CalendarSync.Sync;

/// <summary>Audit status values of calendar_sync_audit.status.</summary>
public static class SyncOutcome
{
    public const string Success = "success";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Conflict = "conflict";
}
