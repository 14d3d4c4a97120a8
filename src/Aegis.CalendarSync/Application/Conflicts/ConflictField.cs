namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>The fields a conflict's two versions are compared on, in the order they are shown.</summary>
public enum ConflictField { Title, Amount, When, Status, Recurrence }
