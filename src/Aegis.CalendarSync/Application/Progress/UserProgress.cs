namespace Aegis.CalendarSync.Application.Progress;

/// <summary>The part of a user's sync state that is re-read on every poll and compared by value.</summary>
public sealed record UserProgress(QueueCounts Queue, ConnectionState Connection)
{
    public static readonly UserProgress Empty = new(QueueCounts.Empty, ConnectionState.NotConnected);
}
