using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

public interface IMappingStore
{
    Task<CalendarSyncMapping?> GetByEventAsync(Guid userId, Guid financialEventId, CancellationToken ct);
    Task<CalendarSyncMapping?> GetByGoogleIdAsync(Guid userId, string googleCalendarId, string googleEventId, CancellationToken ct);
    /// <summary>The user's mappings of the given Google events on one calendar, in one query (ids without a mapping
    /// are absent from the result).</summary>
    Task<IReadOnlyList<CalendarSyncMapping>> ListByGoogleIdsAsync(Guid userId, string googleCalendarId, IReadOnlyCollection<string> googleEventIds,
        CancellationToken ct);
    /// <summary>The user's mappings of the given wallet events, in one query (events without a mapping are absent).</summary>
    Task<IReadOnlyList<CalendarSyncMapping>> ListByEventsAsync(Guid userId, IReadOnlyCollection<Guid> financialEventIds, CancellationToken ct);
    Task<IReadOnlyList<CalendarSyncMapping>> ListAsync(Guid userId, CancellationToken ct);
    /// <summary>Inserts (version 1) or updates when <paramref name="expectedVersion"/> matches (version + 1).
    /// Returns false on a version mismatch (someone else wrote first).</summary>
    Task<bool> UpsertAsync(CalendarSyncMapping mapping, long? expectedVersion, CancellationToken ct);
    Task DeleteAsync(Guid userId, Guid financialEventId, CancellationToken ct);
}
