using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>The store reads <see cref="InboundDecider"/> decides on: from the store itself (<see cref="Of"/>) or from
/// what a listed page read in bulk (<see cref="KnownPage"/>), so both decide by the same rules.</summary>
internal interface IInboundReads
{
    Task<CalendarSyncMapping?> MappingByGoogleIdAsync(Guid userId, string calendarId, string googleEventId, CancellationToken ct);

    Task<CalendarSyncMapping?> MappingByEventAsync(Guid userId, Guid financialEventId, CancellationToken ct);

    /// <summary>The wallet event, soft-deleted included.</summary>
    Task<FinancialEvent?> EventAsync(Guid userId, Guid id, CancellationToken ct);
}

/// <summary>Reads straight from the stores.</summary>
internal sealed class StoreInboundReads(IFinancialEventStore events, IMappingStore mappings) : IInboundReads
{
    public Task<CalendarSyncMapping?> MappingByGoogleIdAsync(Guid userId, string calendarId, string googleEventId, CancellationToken ct) =>
        mappings.GetByGoogleIdAsync(userId, calendarId, googleEventId, ct);

    public Task<CalendarSyncMapping?> MappingByEventAsync(Guid userId, Guid financialEventId, CancellationToken ct) =>
        mappings.GetByEventAsync(userId, financialEventId, ct);

    public Task<FinancialEvent?> EventAsync(Guid userId, Guid id, CancellationToken ct) =>
        events.GetAsync(userId, id, ct, includeDeleted: true);
}
