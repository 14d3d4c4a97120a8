namespace Aegis.CalendarSync.Model;

/// <summary>State of a conflict kept for the user (sync_conflicts.status). Stored as 'open' / 'resolved_local' /
/// 'resolved_google' / 'resolved_merged' (the user picked fields from both versions; the merged version was written
/// to both sides); only an open conflict can be resolved, once.</summary>
public enum ConflictStatus { Open, ResolvedLocal, ResolvedGoogle, ResolvedMerged }
