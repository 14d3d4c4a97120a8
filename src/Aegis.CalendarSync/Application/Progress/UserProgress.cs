namespace Aegis.CalendarSync.Application.Progress;

/// <summary>The part of a user's sync state that is re-read on every poll and compared by value: queue counts (the
/// failed ones are the dead letters), the connection, and the conflicts waiting for the user's choice.</summary>
public sealed record UserProgress(QueueCounts Queue, ConnectionState Connection, long OpenConflicts = 0)
{
    public static readonly UserProgress Empty = new(QueueCounts.Empty, ConnectionState.NotConnected);
}
