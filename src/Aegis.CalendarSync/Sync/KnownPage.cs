using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>What the store holds for one listed page: the mappings of its events (one query) and which of their
/// wallet events exist (one more query, only when any is mapped), read before the page is applied. An event Google
/// returns exactly as last synced (same etag, mapped under this connection, its wallet event still there) is then
/// recognised with no query of its own and skipped with no write, as the per-event path would skip it; everything
/// else goes through the per-event path, which reads again what it writes.</summary>
internal sealed class KnownPage
{
    private readonly Dictionary<string, CalendarSyncMapping> _mappings;
    private readonly HashSet<Guid> _events;

    private KnownPage(Dictionary<string, CalendarSyncMapping> mappings, HashSet<Guid> events)
    {
        _mappings = mappings;
        _events = events;
    }

    public static async Task<KnownPage> ReadAsync(IMappingStore mappings, IFinancialEventStore events, CalendarSyncSettings settings,
        IReadOnlyList<GoogleEvent> items, CancellationToken ct)
    {
        var ids = items.Where(Candidate).Select(e => e.Id!).Distinct(StringComparer.Ordinal).ToList();
        var mapped = await mappings.ListByGoogleIdsAsync(settings.UserId, settings.CalendarId, ids, ct).ConfigureAwait(false);
        var current = mapped.Where(m => !m.IsFromEarlierConnection(settings)).ToList();
        var existing = current.Count == 0
            ? []
            : await events.GetManyAsync(settings.UserId, current.Select(m => m.FinancialEventId).ToList(), ct, includeDeleted: true).ConfigureAwait(false);
        return new KnownPage(current.ToDictionary(m => m.GoogleEventId, StringComparer.Ordinal), existing.Select(e => e.Id).ToHashSet());
    }

    /// <summary>True when <paramref name="remote"/> is the version last synced: nothing to apply, nothing to write.</summary>
    public bool IsUnchanged(GoogleEvent remote) =>
        Candidate(remote) && remote.Etag is { } etag
        && _mappings.TryGetValue(remote.Id!, out var mapping) && mapping.GoogleEtag == etag
        && _events.Contains(mapping.FinancialEventId);

    /// <summary>Only a live event that is not an instance of a series is judged here (instances and deletions have
    /// rules of their own).</summary>
    private static bool Candidate(GoogleEvent e) => e is { Id: not null, RecurringEventId: null, IsCancelled: false };
}
