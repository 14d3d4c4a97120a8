namespace Aegis.CalendarSync.Model;

/// <summary>State of one occurrence of a recurring financial event; stored as lower-case text (pending, paid, skipped).
/// Skipped: the occurrence does not happen (deleted in Google, skipped in the wallet, or excluded by an EXDATE).</summary>
public enum OccurrenceStatus { Pending, Paid, Skipped }
