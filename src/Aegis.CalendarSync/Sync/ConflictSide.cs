namespace Aegis.CalendarSync.Sync;

/// <summary>One side of a conflict: the wallet's version or Google Calendar's.</summary>
public enum ConflictSide { Wallet, Google }
