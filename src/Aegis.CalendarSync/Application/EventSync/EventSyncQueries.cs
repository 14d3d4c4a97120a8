namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>The Events page's sync badges: one store read (<see cref="IEventSyncReader"/>) for all of the user's live
/// events, decided by <see cref="EventSyncRules"/>. Scoped by the caller's user id.</summary>
public sealed class EventSyncQueries(IEventSyncReader reader)
{
    public async Task<EventSyncOverview> ReadAsync(Guid userId, CancellationToken ct)
    {
        var snapshot = await reader.ReadAsync(userId, ct).ConfigureAwait(false);
        return new EventSyncOverview(snapshot.Connection,
            snapshot.Events.ToDictionary(kv => kv.Key, kv => EventSyncRules.Decide(kv.Value, snapshot.Connection)));
    }
}
