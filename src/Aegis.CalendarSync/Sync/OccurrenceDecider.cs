using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>The inbound rules for one Google instance of a series (an exception or a cancelled instance), decided from
/// the store without writing anything: the occurrence form of <see cref="InboundDecider"/>. The sync
/// (<see cref="OccurrenceSync"/>) applies each decision; the first-sync preview only counts them, so the two cannot
/// disagree.</summary>
internal sealed class OccurrenceDecider(IOccurrenceStore occurrences, IFinancialEventStore events, IMappingStore mappings, OccurrenceMapper mapper)
{
    /// <summary>The decision for <paramref name="instance"/> of the user's calendar <paramref name="calendarId"/>.
    /// <paramref name="seriesDeleted"/>: the same list reported its whole series deleted.</summary>
    public async Task<OccurrenceDecision> DecideAsync(Guid userId, string calendarId, GoogleEvent instance, bool seriesDeleted, CancellationToken ct)
    {
        if (seriesDeleted && instance.IsCancelled)
        {
            return new OccurrenceDecision(OccurrenceStep.SeriesDeleted, instance);
        }

        var master = await mappings.GetByGoogleIdAsync(userId, calendarId, instance.RecurringEventId!, ct).ConfigureAwait(false);
        var series = master is null ? null : await events.GetAsync(userId, master.FinancialEventId, ct).ConfigureAwait(false);
        if (master is null || series is null)
        {
            return new OccurrenceDecision(OccurrenceStep.UnknownSeries, instance);
        }

        var originalStart = GoogleInstanceId.OriginalStart(series, instance.OriginalStartTime);
        var overrides = await occurrences.ListAsync(userId, series.Id, ct).ConfigureAwait(false);
        var occurrence = originalStart is { } key ? OccurrenceExpander.Find(series, overrides, key) : null;
        var decided = new OccurrenceDecision(OccurrenceStep.NotAnOccurrence, instance) { Series = series, Master = master };
        if (occurrence is null)
        {
            // E.g. an exception a split or a new rule left behind, which Google reports as cancelled.
            return decided;
        }

        var existing = overrides.FirstOrDefault(o => o.OriginalStart == occurrence.OriginalStart);
        var remoteHash = instance.IsCancelled ? OccurrenceMapper.CancelledHash : EventContentHash.Compute(instance);
        var ours = mapper.ContentHash(series, master.GoogleEventId, occurrence);
        var locallyChanged = OccurrenceChange.IsUnsynced(existing, ours);
        decided = decided with { Occurrence = occurrence, Existing = existing, RemoteHash = remoteHash, Ours = ours };
        if (IsEcho(existing, instance, remoteHash, ours, locallyChanged))
        {
            return decided with { Step = OccurrenceStep.Echo };
        }

        return decided with { Step = locallyChanged ? OccurrenceStep.Conflict : OccurrenceStep.UpdateWallet };
    }

    /// <summary>Whether Google's instance is no change to decide: our own write coming back (the etag we recorded),
    /// Google holding exactly what the wallet would write, or, while the wallet has not changed the occurrence since the
    /// last sync, the version agreed (a change to fields Aegis does not sync). An instance with an etag we did not
    /// write whose content is back to the version agreed while the wallet has changed since is no echo: a person's
    /// edits in Google that cancel out are a later Google version, decided by the user's strategy.</summary>
    private static bool IsEcho(OccurrenceOverride? existing, GoogleEvent instance, string remoteHash, string ours, bool locallyChanged) =>
        (existing?.GoogleEtag is { } etag && etag == instance.Etag)
        || remoteHash == ours
        || (!locallyChanged && existing?.ContentHash == remoteHash);
}
