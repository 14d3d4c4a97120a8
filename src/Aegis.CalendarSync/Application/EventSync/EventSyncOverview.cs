using Aegis.CalendarSync.Application.Progress;

namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>The user's connection and each live event's badge.</summary>
public sealed record EventSyncOverview(ConnectionState Connection, IReadOnlyDictionary<Guid, EventSyncState> Events)
{
    /// <summary>The event's badge; an event the read did not see (created since) is decided from no facts.</summary>
    public EventSyncState For(Guid eventId) =>
        Events.TryGetValue(eventId, out var state) ? state : EventSyncRules.Decide(null, Connection);
}
