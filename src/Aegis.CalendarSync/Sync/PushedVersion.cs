using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Whether Google was last known to hold the wallet's current version of a mapped event: the same content hash
/// (as pushed, or as Google was last read), on the calendar the event belongs on now, and every override of a series as
/// last pushed (the test <see cref="OccurrenceSync"/> pushes by) or last taken from Google (its source is Google: the
/// wallet has not changed it since). Reads only the series' overrides; no API call.</summary>
public sealed class PushedVersion(IOccurrenceStore occurrences, FinancialEventMapper mapper, OccurrenceMapper occurrenceMapper)
{
    /// <summary>False also when the event is trashed (its deletion is still to be sent while its mapping exists).</summary>
    public async Task<bool> ReachedGoogleAsync(CalendarSyncSettings current, FinancialEvent local, CalendarSyncMapping mapping, CancellationToken ct)
    {
        if (mapper.ToGoogleEvent(local, mapping.GoogleEventId) is not { } desired || CalendarRehoming.IsStale(current, mapping)) return false;
        var hash = EventContentHash.Compute(desired);
        if (hash != mapping.ContentHash && hash != mapping.GoogleSideHash) return false;
        return await OccurrencesPushedAsync(local, mapping, ct).ConfigureAwait(false);
    }

    private async Task<bool> OccurrencesPushedAsync(FinancialEvent series, CalendarSyncMapping mapping, CancellationToken ct)
    {
        if (!RecurrenceLines.IsRecurring(series.Recurrence)) return true;
        var overrides = await occurrences.ListAsync(series.UserId, series.Id, ct).ConfigureAwait(false);
        return overrides.All(o => o.SyncSource == SyncSource.Google ||
                                  OccurrenceExpander.Find(series, overrides, o.OriginalStart) is not { } occurrence ||
                                  occurrenceMapper.ContentHash(series, mapping.GoogleEventId, occurrence) == o.ContentHash);
    }
}
