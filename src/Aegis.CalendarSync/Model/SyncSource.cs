namespace Aegis.CalendarSync.Model;

/// <summary>Origin of the last write. Stored as lower-case text ('aegis', 'google', 'manual').
/// A write with <see cref="Google"/> never enqueues outbound work (loop guard in the DB trigger).</summary>
public enum SyncSource { Aegis, Google, Manual }
