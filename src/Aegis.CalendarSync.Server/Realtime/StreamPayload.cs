using Aegis.CalendarSync.Application.Progress;
namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>The data of a <c>snapshot</c> or <c>progress</c> event. Queue and connection are always the current
/// values; activity is the latest rows (snapshot) or the rows new since the previous event (progress), newest first.</summary>
public sealed record StreamPayload(QueueCounts Queue, StreamConnection Connection, IReadOnlyList<ActivityEntry> Activity, DateTimeOffset At)
{
    public static StreamPayload Create(UserProgress progress, IReadOnlyList<ActivityEntry> activity, DateTimeOffset at) =>
        new(progress.Queue, StreamConnection.From(progress.Connection), activity, at);
}

/// <summary>Connection state on the wire: <c>{"state":"connected","connected":true,"sync_enabled":true,...}</c>.</summary>
public sealed record StreamConnection(ConnectionStatus State, bool Connected, bool SyncEnabled, string? DisabledReason)
{
    public static StreamConnection From(ConnectionState c) => new(c.State, c.Connected, c.SyncEnabled, c.DisabledReason);
}
