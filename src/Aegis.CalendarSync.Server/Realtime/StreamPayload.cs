using Aegis.CalendarSync.Application.Connection;
using Aegis.CalendarSync.Application.Progress;
namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>The data of a <c>snapshot</c> or <c>progress</c> event. Queue and connection are always the current
/// values; activity is the latest rows (snapshot) or the rows new since the previous event (progress), newest first.</summary>
public sealed record StreamPayload(QueueCounts Queue, StreamConnection Connection, IReadOnlyList<ActivityEntry> Activity, DateTimeOffset At,
    StreamNotices Notices)
{
    public static StreamPayload Create(UserProgress progress, IReadOnlyList<ActivityEntry> activity, DateTimeOffset at) =>
        new(progress.Queue, StreamConnection.From(progress.Connection), activity, at, StreamNotices.From(progress));
}

/// <summary>The page notices on the wire (the same facts as <c>AttentionNotices</c>), so every page's banners follow
/// the action that resolves them: <c>{"open_conflicts":0,"dead_letters":1,"disabled_reason":null,"needs_reconnect":false}</c>.</summary>
public sealed record StreamNotices(long OpenConflicts, long DeadLetters, string? DisabledReason, bool NeedsReconnect)
{
    public static StreamNotices From(UserProgress p)
    {
        var reason = p.Connection is { Connected: true, SyncEnabled: false } ? p.Connection.DisabledReason : null;
        return new(p.OpenConflicts, p.Queue.Failed, reason, GoogleConnectionStates.IsReconnectReason(reason));
    }
}

/// <summary>Connection state on the wire: <c>{"state":"connected","connected":true,"sync_enabled":true,...}</c>.</summary>
public sealed record StreamConnection(ConnectionStatus State, bool Connected, bool SyncEnabled, string? DisabledReason)
{
    public static StreamConnection From(ConnectionState c) => new(c.State, c.Connected, c.SyncEnabled, c.DisabledReason);
}
