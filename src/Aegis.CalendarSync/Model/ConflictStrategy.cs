namespace Aegis.CalendarSync.Model;

/// <summary>Per-user conflict rule. Stored as snake_case text (last_write_wins, local_wins, google_wins, manual).</summary>
public enum ConflictStrategy { LastWriteWins, LocalWins, GoogleWins, Manual }
