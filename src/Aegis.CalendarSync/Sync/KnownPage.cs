using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>What the store holds for one listed page, read before the page is applied: the mappings of its events (one
/// query), the wallet events they link and the ones its unlinked events would be imported as (one more query, only
/// when there are any), and the mappings of those import ids (a third query, only when the page has unlinked events:
/// new ones, or copies). An event Google returns exactly as last synced (same etag, mapped under this connection, its
/// wallet event still there) is then recognised with no query of its own (<see cref="IsUnchanged"/>), and the others
/// are decided from these reads (<see cref="IInboundReads"/>, the same rules as the per-event path: a key the page did
/// not read is read from the store).</summary>
internal sealed class KnownPage : IInboundReads
{
    private readonly CalendarSyncSettings _settings;
    private readonly IInboundReads _store;
    private readonly HashSet<string> _readGoogleIds;
    private readonly Dictionary<string, CalendarSyncMapping> _byGoogleId;
    private readonly HashSet<Guid> _readEvents;
    private readonly Dictionary<Guid, FinancialEvent> _events;
    private readonly HashSet<Guid> _readEventMappings;
    private readonly Dictionary<Guid, CalendarSyncMapping> _byEvent;

    private KnownPage(CalendarSyncSettings settings, IInboundReads store, HashSet<string> readGoogleIds, IEnumerable<CalendarSyncMapping> mapped,
        HashSet<Guid> readEvents, IEnumerable<FinancialEvent> events, HashSet<Guid> readEventMappings, IEnumerable<CalendarSyncMapping> byEvent)
    {
        (_settings, _store, _readGoogleIds, _readEvents, _readEventMappings) = (settings, store, readGoogleIds, readEvents, readEventMappings);
        _byGoogleId = mapped.ToDictionary(m => m.GoogleEventId, StringComparer.Ordinal);
        _events = events.ToDictionary(e => e.Id);
        _byEvent = byEvent.ToDictionary(m => m.FinancialEventId);
    }

    public static async Task<KnownPage> ReadAsync(IMappingStore mappings, IFinancialEventStore events, CalendarSyncSettings settings,
        IReadOnlyList<GoogleEvent> items, CancellationToken ct)
    {
        var store = new StoreInboundReads(events, mappings);
        var listed = items.Where(e => e is { Id: not null, RecurringEventId: null }).ToList();
        var googleIds = listed.Select(e => e.Id!).ToHashSet(StringComparer.Ordinal);
        var mapped = googleIds.Count == 0
            ? []
            : await mappings.ListByGoogleIdsAsync(settings.UserId, settings.CalendarId, googleIds, ct).ConfigureAwait(false);
        var linked = mapped.Select(m => m.GoogleEventId).ToHashSet(StringComparer.Ordinal);
        var importIds = listed
            .Where(e => !e.IsCancelled && !linked.Contains(e.Id!) && (settings.ImportForeignEvents || FinancialEventMapper.IsWrittenByAegis(e)))
            .Select(e => FinancialEventMapper.ImportedEventId(settings.UserId, e)).ToHashSet();
        var eventIds = mapped.Select(m => m.FinancialEventId).Concat(importIds).ToHashSet();
        var existing = eventIds.Count == 0
            ? []
            : await events.GetManyAsync(settings.UserId, eventIds, ct, includeDeleted: true).ConfigureAwait(false);
        var byEvent = importIds.Count == 0
            ? []
            : await mappings.ListByEventsAsync(settings.UserId, importIds, ct).ConfigureAwait(false);
        return new KnownPage(settings, store, googleIds, mapped, eventIds, existing, importIds, byEvent);
    }

    /// <summary>True when <paramref name="remote"/> is the version last synced: nothing to apply, nothing to write.</summary>
    public bool IsUnchanged(GoogleEvent remote) =>
        remote is { Id: not null, RecurringEventId: null, IsCancelled: false } && remote.Etag is { } etag
        && _byGoogleId.TryGetValue(remote.Id, out var mapping) && !mapping.IsFromEarlierConnection(_settings)
        && mapping.GoogleEtag == etag && _events.ContainsKey(mapping.FinancialEventId);

    public Task<CalendarSyncMapping?> MappingByGoogleIdAsync(Guid userId, string calendarId, string googleEventId, CancellationToken ct) =>
        Covers(userId, calendarId) && _readGoogleIds.Contains(googleEventId)
            ? Task.FromResult(_byGoogleId.GetValueOrDefault(googleEventId))
            : _store.MappingByGoogleIdAsync(userId, calendarId, googleEventId, ct);

    public Task<CalendarSyncMapping?> MappingByEventAsync(Guid userId, Guid financialEventId, CancellationToken ct) =>
        userId == _settings.UserId && _readEventMappings.Contains(financialEventId)
            ? Task.FromResult(_byEvent.GetValueOrDefault(financialEventId))
            : _store.MappingByEventAsync(userId, financialEventId, ct);

    public Task<FinancialEvent?> EventAsync(Guid userId, Guid id, CancellationToken ct) =>
        userId == _settings.UserId && _readEvents.Contains(id)
            ? Task.FromResult(_events.GetValueOrDefault(id))
            : _store.EventAsync(userId, id, ct);

    private bool Covers(Guid userId, string calendarId) => userId == _settings.UserId && calendarId == _settings.CalendarId;
}
