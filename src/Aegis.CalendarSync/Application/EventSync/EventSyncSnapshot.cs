using Aegis.CalendarSync.Application.Progress;

namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>The user's connection and the facts of every live event, as one read answered them.</summary>
public sealed record EventSyncSnapshot(ConnectionState Connection, IReadOnlyDictionary<Guid, EventSyncFacts> Events)
{
    public static readonly EventSyncSnapshot Empty = new(ConnectionState.NotConnected, new Dictionary<Guid, EventSyncFacts>());
}
