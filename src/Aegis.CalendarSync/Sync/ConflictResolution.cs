namespace Aegis.CalendarSync.Sync;

public enum ConflictResolution { KeepLocal, KeepGoogle }
