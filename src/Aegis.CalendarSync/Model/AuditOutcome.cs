namespace Aegis.CalendarSync.Model;

/// <summary>How an audited operation ended (calendar_sync_audit.status). Stored as 'success' / 'skipped' / 'failed' /
/// 'conflict'.</summary>
public enum AuditOutcome { Success, Skipped, Failed, Conflict }
