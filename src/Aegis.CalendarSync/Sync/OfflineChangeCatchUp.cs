using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Wallet changes made while Google was disconnected queue nothing (the outbound enqueue only queues for a user
/// whose sync is on), and the reconnect's full sync takes only what changed in Google. At Start, this queues an outbound
/// upsert of every mapped event whose wallet version Google was not last known to hold (<see cref="PushedVersion"/>: its
/// content, its calendar, any single occurrence of a series, or its trashing), so none of those edits is lost. The
/// pushes run after the full sync queued before them and by the usual rules: conditioned on Google's last known
/// version, a Google edit made meanwhile is decided by the user's conflict strategy, never silently overwritten. Events
/// Google already holds queue nothing (no API call is spent on them).</summary>
public sealed class OfflineChangeCatchUp(
    IMappingStore mappings,
    IFinancialEventStore events,
    ISyncQueueStore queue,
    PushedVersion pushed)
{
    /// <summary>Returns how many events were queued.</summary>
    public async Task<int> QueueUnsentAsync(CalendarSyncSettings current, CancellationToken ct)
    {
        var userId = current.UserId;
        var mapped = await mappings.ListAsync(userId, ct).ConfigureAwait(false);
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
