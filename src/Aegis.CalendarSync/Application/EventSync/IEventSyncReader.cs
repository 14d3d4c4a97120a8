namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>The store's read behind the Events page's sync badges: one round trip for all of a user's live events.</summary>
public interface IEventSyncReader
{
    Task<EventSyncSnapshot> ReadAsync(Guid userId, CancellationToken ct);
}
