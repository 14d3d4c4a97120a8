using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Wallet changes made while Google was disconnected queue nothing (the outbound enqueue only queues for a user
/// whose sync is on), and a full sync lists only what changed in Google. At the end of a full sync of a calendar (the
/// first sync after a reconnect is one), this queues an outbound upsert of every event mapped on that calendar whose
/// wallet version Google was not last known to hold (<see cref="PushedVersion"/>: its content, any single occurrence of
/// a series, or its trashing), so none of those edits is lost. It runs after the full sync applied Google's side: a
/// Google edit made meanwhile of the same event or month was already decided by the user's conflict strategy (the
/// side that lost holds the winner's version, so nothing is queued for it) and is never silently overwritten. Events
/// Google already holds queue nothing (no API call is spent on them); an event with a pending push is not queued twice.</summary>
internal sealed class OfflineChangeCatchUp(
    IMappingStore mappings,
    IFinancialEventStore events,
    ISyncQueueStore queue,
    PushedVersion pushed)
{
    /// <summary>For the calendar <paramref name="current"/> is scoped to; returns how many events were queued.</summary>
    public async Task<int> QueueUnsentAsync(CalendarSyncSettings current, CancellationToken ct)
    {
        var userId = current.UserId;
        var mapped = (await mappings.ListAsync(userId, ct).ConfigureAwait(false))
            .Where(m => string.Equals(m.GoogleCalendarId, current.CalendarId, StringComparison.Ordinal)).ToList();
        if (mapped.Count == 0) return 0;
        var locals = (await events.GetManyAsync(userId, mapped.Select(m => m.FinancialEventId).ToList(), ct, includeDeleted: true)
            .ConfigureAwait(false)).ToDictionary(e => e.Id);
        var unsent = new List<Guid>();
        foreach (var mapping in mapped)
        {
            if (locals.TryGetValue(mapping.FinancialEventId, out var local)
                && !await pushed.ReachedGoogleAsync(current, local, mapping, ct).ConfigureAwait(false))
            {
                unsent.Add(local.Id);
            }
        }

        return unsent.Count == 0 ? 0 : await queue.EnqueueToGoogleAsync(userId, unsent, ct).ConfigureAwait(false);
    }
}
