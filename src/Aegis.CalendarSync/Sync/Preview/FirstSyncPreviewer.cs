using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>The dry run of a connection's first sync. Guarantees: Google is only read (events.list over the full sync's
/// window, a get to confirm a linked event the list did not return, the calendar list for the calendar's name) and the
/// store is only read; every Google event goes through the sync's own <see cref="InboundDecider"/>, the links the list
/// did not return and the unlinked wallet events through the same selections the full sync uses, the deletions through
/// the same mass-delete rule. Google's instances of series go through the sync's <see cref="OccurrenceDecider"/>, and
/// the occurrences each pushed series would write through the outbound push's own test (every one under a new master,
/// else those whose content differs from what Google was last known to hold). A calendar still to be created holds
/// nothing, so every wallet event is new there.</summary>
public sealed class FirstSyncPreviewer
{
    private readonly IGoogleCalendarClient google;
    private readonly RemoteEvents remoteEvents;
    private readonly InboundDecider decider;
    private readonly OccurrenceDecider occurrenceDecider;
    private readonly IOccurrenceStore occurrences;
    private readonly OccurrenceMapper occurrenceMapper;
    private readonly MassDeleteGuard guard;
    private readonly IMappingStore mappings;
    private readonly IFinancialEventStore events;
    private readonly ISyncQueueStore queue;
    private readonly FinancialEventMapper mapper;
    private readonly IOptions<SyncEngineOptions> options;
    private readonly TimeProvider time;

    internal FirstSyncPreviewer(IGoogleCalendarClient google, RemoteEvents remoteEvents, InboundDecider decider, OccurrenceDecider occurrenceDecider,
        MassDeleteGuard guard, IMappingStore mappings, IFinancialEventStore events, IOccurrenceStore occurrences, OccurrenceMapper occurrenceMapper,
        ISyncQueueStore queue, FinancialEventMapper mapper, IOptions<SyncEngineOptions> options, TimeProvider time)
    {
        (this.google, this.remoteEvents, this.decider, this.guard, this.mappings) = (google, remoteEvents, decider, guard, mappings);
        (this.occurrenceDecider, this.occurrences, this.occurrenceMapper) = (occurrenceDecider, occurrences, occurrenceMapper);
        (this.events, this.queue, this.mapper, this.options, this.time) = (events, queue, mapper, options, time);
    }

    /// <summary>Upper bound of queued wallet changes looked at (a user waiting to start has a handful).</summary>
    private const int MaxQueuedChanges = 10_000;

    internal async Task<SyncPreview> PreviewAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        var windowStart = time.GetUtcNow() - options.Value.FullSyncWindow;
        var calendar = await DescribeCalendarAsync(settings, ct).ConfigureAwait(false);
        var run = new Run(mapper);
        var pass = new InboundPass(await guard.HeldIdsAsync(settings.UserId, ct).ConfigureAwait(false));

        if (!calendar.WillBeCreated)
        {
            var request = new ListEventsRequest { TimeMin = windowStart, MaxResults = options.Value.ListPageSize };
            while (true)
            {
                var page = await google.ListEventsAsync(account, settings.CalendarId, request, ct).ConfigureAwait(false);
                pass.NoteDeletedSeries(page.Items ?? []);
                foreach (var item in page.Items ?? [])
                {
                    if (item.Id is null)
                    {
                        continue;
                    }

                    run.Listed[item.Id] = item;
                    var decision = await decider.DecideAsync(settings, item, pass, ct).ConfigureAwait(false);
                    if (decision.Step == InboundStep.Occurrence)
                    {
                        run.CountOccurrence(await occurrenceDecider.DecideAsync(settings.UserId, settings.CalendarId, item,
                            pass.IsSeriesDeleted(item.RecurringEventId!), ct).ConfigureAwait(false));
                        continue;
                    }

                    await CountAsync(settings, run, decision, pass, ct).ConfigureAwait(false);
                }

                if (page.NextPageToken is not { } next)
                {
                    break;
                }

                request = request with { PageToken = next };
            }
        }

        foreach (var missing in await decider.MissingLinksAsync(settings, windowStart, run.Listed.Keys.ToHashSet(StringComparer.Ordinal), ct)
                     .ConfigureAwait(false))
        {
            if (missing.Earlier)
            {
                await CountPushAsync(settings, run, missing.Local, PushOrigin.EarlierConnection, ct).ConfigureAwait(false);
                continue;
            }

            var remote = await remoteEvents.GetAsync(account, missing.Mapping.GoogleRef, ct).ConfigureAwait(false);
            if (remote.IsCancelled)
            {
                await CountAsync(settings, run, await decider.DecideAsync(settings, remote, pass, ct).ConfigureAwait(false), pass, ct)
                    .ConfigureAwait(false);
            }
        }

        foreach (var unlinked in await decider.UnlinkedAsync(settings, windowStart, ct).ConfigureAwait(false))
        {
            await CountPushAsync(settings, run, unlinked, PushOrigin.Unlinked, ct).ConfigureAwait(false);
        }

        await CountQueuedChangesAsync(settings, run, ct).ConfigureAwait(false);
        var synced = (await mappings.ListAsync(settings.UserId, ct).ConfigureAwait(false)).Count;
        return run.ToPreview(calendar, windowStart, pass.Deletions.Count > 0 && guard.IsMassDelete(pass.Deletions.Count, synced));
    }

    /// <summary>Wallet changes queued while the connection waited that the full sync does not cover (an edit of an
    /// event outside its window; a deletion of an event Google holds): they go out after Start.</summary>
    private async Task CountQueuedChangesAsync(CalendarSyncSettings settings, Run run, CancellationToken ct)
    {
        foreach (var item in await queue.ListAsync(settings.UserId, QueueStatus.Pending, MaxQueuedChanges, ct).ConfigureAwait(false))
        {
            if (item is not { Direction: SyncDirection.ToGoogle, FinancialEventId: { } id })
            {
                continue;
            }

            var local = await events.GetAsync(settings.UserId, id, ct, includeDeleted: true).ConfigureAwait(false);
            if (local is { DeletedAt: null })
            {
                await CountPushAsync(settings, run, local, PushOrigin.Queued, ct).ConfigureAwait(false);
            }
            else if (await mappings.GetByEventAsync(settings.UserId, id, ct).ConfigureAwait(false) is not null)
            {
                run.InGoogleDeleted.Add(id.ToString(), local?.Title);
            }
        }
    }

    /// <summary>Counts one decision; a wallet event it re-pushes (an earlier connection's) with its occurrences.</summary>
    private async Task CountAsync(CalendarSyncSettings settings, Run run, InboundDecision decision, InboundPass pass, CancellationToken ct)
    {
        if (run.Count(decision, pass) is { } repushed)
        {
            await CountPushAsync(settings, run, repushed, PushOrigin.EarlierConnection, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a wallet event the sync pushes, then the occurrences its push writes: under a new master every
    /// override the series still generates, else (a queued change of a linked series, whose push runs even when the
    /// master itself is unchanged) those whose content differs from what Google was last known to hold, as
    /// <see cref="OccurrenceSync.PushAsync"/> tests.</summary>
    private async Task CountPushAsync(CalendarSyncSettings settings, Run run, FinancialEvent local, PushOrigin origin, CancellationToken ct)
    {
        var kind = run.CountPush(local);
        if (!RecurrenceLines.IsRecurring(local.Recurrence) || (kind is null && origin != PushOrigin.Queued))
        {
            return;
        }

        // No link (or an earlier connection's, which the sync drops first): the push creates or adopts the master and
        // writes every override.
        var mapping = kind == PushKind.New || origin == PushOrigin.EarlierConnection
            ? null
            : await mappings.GetByEventAsync(settings.UserId, local.Id, ct).ConfigureAwait(false);

        var overrides = await occurrences.ListAsync(settings.UserId, local.Id, ct).ConfigureAwait(false);
        foreach (var o in overrides)
        {
            if (OccurrenceExpander.Find(local, overrides, o.OriginalStart) is { } occurrence
                && (mapping is null || occurrenceMapper.ContentHash(local, mapping.GoogleEventId, occurrence) != o.ContentHash))
            {
                run.CountOccurrencePush(local, occurrence);
            }
        }
    }

    private async Task<PreviewCalendar> DescribeCalendarAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        if (settings.PendingCalendarName is { } pending)
        {
            return new PreviewCalendar(null, pending, WillBeCreated: true, settings.ImportForeignEvents);
        }

        var calendars = await google.ListCalendarsAsync(ConnectedAccounts.AccountOf(settings), ct).ConfigureAwait(false);
        var entry = calendars.FirstOrDefault(c => c.Id == settings.CalendarId || (settings.CalendarId == "primary" && c.Primary == true));
        return new PreviewCalendar(settings.CalendarId, entry?.Summary ?? settings.CalendarId, WillBeCreated: false, settings.ImportForeignEvents);
    }

    /// <summary>The buckets being counted.</summary>
    private sealed class Run(FinancialEventMapper mapper)
    {
        public Dictionary<string, GoogleEvent> Listed { get; } = new(StringComparer.Ordinal);
        public PreviewTally ToGoogleNew { get; } = new();
        public PreviewTally ToGoogleUpdated { get; } = new();
        public PreviewTally ToWalletNew { get; } = new();
        public PreviewTally ToWalletUpdated { get; } = new();
        public PreviewTally ToWalletTrash { get; } = new();
        public PreviewTally InGoogleDeleted { get; } = new();
        public PreviewTally Conflicts { get; } = new();
        public PreviewTally Unchanged { get; } = new();
        public PreviewTally LeftAlone { get; } = new();

        public PreviewTally OccurrencesToGoogle { get; } = new();
        public PreviewTally OccurrencesRemovedFromGoogle { get; } = new();
        public PreviewTally OccurrencesToWallet { get; } = new();
        public PreviewTally OccurrencesSkippedInWallet { get; } = new();
        public PreviewTally OccurrenceConflicts { get; } = new();

        /// <summary>Wallet events the list step already settled (linked, imported, conflicting ...): not pushed again.</summary>
        private readonly HashSet<Guid> _settled = [];

        /// <summary>Occurrences (series id and original start) the list step settled: their push is not counted again.</summary>
        private readonly HashSet<string> _settledOccurrences = new(StringComparer.Ordinal);

        /// <summary>Counts one Google instance of a series as the sync would apply it; echoes and instances the sync
        /// ignores (an unknown series, no such occurrence, a whole series deleted) count nothing here.</summary>
        public void CountOccurrence(OccurrenceDecision d)
        {
            if (d is not { Series: { } series, Occurrence: { } occurrence } || d.Step is not (OccurrenceStep.UpdateWallet or OccurrenceStep.Conflict))
            {
                return;
            }

            var key = OccurrenceKey(series, occurrence);
            _settledOccurrences.Add(key);
            var bucket = d.Step == OccurrenceStep.Conflict ? OccurrenceConflicts
                : d.Instance.IsCancelled ? OccurrencesSkippedInWallet
                : OccurrencesToWallet;
            bucket.Add(key, OccurrenceTitle(series, occurrence));
        }

        /// <summary>Counts one occurrence a series' push writes to Google (a skipped one removes the date there).</summary>
        public void CountOccurrencePush(FinancialEvent series, Occurrence occurrence)
        {
            var key = OccurrenceKey(series, occurrence);
            if (_settledOccurrences.Add(key))
            {
                (occurrence.Status == OccurrenceStatus.Skipped ? OccurrencesRemovedFromGoogle : OccurrencesToGoogle)
                    .Add(key, OccurrenceTitle(series, occurrence));
            }
        }

        private static string OccurrenceKey(FinancialEvent series, Occurrence occurrence) =>
            $"{series.Id}/{occurrence.OriginalStart.UtcTicks}";

        /// <summary>The series' title and the occurrence's original date in the series' time zone: "Rent, 1 Jul 2027".</summary>
        private static string OccurrenceTitle(FinancialEvent series, Occurrence occurrence)
        {
            var date = ZonedDates.LocalDate(occurrence.OriginalStart, ZonedDates.Find(series.TimeZone) ?? TimeZoneInfo.Utc);
            var title = string.IsNullOrWhiteSpace(series.Title) ? "(no title)" : series.Title;
            return $"{title}, {date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
        }

        /// <summary>Counts one decision as the sync would apply it (a deletion is collected in the pass, as the sync
        /// does); returns the wallet event the sync re-pushes (an earlier connection's), to be counted as a push.</summary>
        public FinancialEvent? Count(InboundDecision d, InboundPass pass)
        {
            var key = d.Remote.Id!;
            var remoteTitle = d.Remote.Summary;
            if (d.Local is { } local)
            {
                _settled.Add(local.Id);
            }

            switch (d.Step)
            {
                case InboundStep.Foreign:
                    LeftAlone.Add(key, remoteTitle);
                    break;
                case InboundStep.Echo or InboundStep.Relink:
                    Unchanged.Add(key, d.Local?.Title ?? remoteTitle);
                    break;
                case InboundStep.UpdateWallet or InboundStep.RelinkFromGoogle:
                    ToWalletUpdated.Add(key, d.Local!.Title);
                    break;
                case InboundStep.Import or InboundStep.ImportCopy:
                    ToWalletNew.Add(key, remoteTitle);
                    break;
                case InboundStep.Conflict or InboundStep.DeletionConflict:
                    Conflicts.Add(key, d.Local!.Title);
                    break;
                case InboundStep.Deletion:
                    pass.Defer(d.Local!, d.Mapping!, d.Remote);
                    ToWalletTrash.Add(key, d.Local!.Title);
                    break;
                case InboundStep.Repush:
                    _settled.Remove(d.Local!.Id);
                    return d.Local;
            }

            return null;
        }

        /// <summary>A wallet event the sync pushes: new in Google, an update of the copy Google holds, or the same
        /// already; null when it was counted before or has no Google form.</summary>
        public PushKind? CountPush(FinancialEvent local)
        {
            if (!_settled.Add(local.Id) || mapper.ToGoogleEvent(local) is not { } desired)
            {
                return null;
            }

            var key = local.Id.ToString();
            if (!Listed.TryGetValue(GoogleEventId.FromFinancialEventId(local.Id), out var copy) || copy.IsCancelled)
            {
                ToGoogleNew.Add(key, local.Title);
                return PushKind.New;
            }

            if (EventContentHash.Compute(copy) == EventContentHash.Compute(desired))
            {
                Unchanged.Add(key, local.Title);
                return PushKind.Unchanged;
            }

            ToGoogleUpdated.Add(key, local.Title);
            return PushKind.Updated;
        }

        public SyncPreview ToPreview(PreviewCalendar calendar, DateTimeOffset windowStart, bool deletionsHeld) => new(
            [calendar], windowStart, ToGoogleNew.ToBucket(), ToGoogleUpdated.ToBucket(), ToWalletNew.ToBucket(),
            ToWalletUpdated.ToBucket(), ToWalletTrash.ToBucket(), deletionsHeld, InGoogleDeleted.ToBucket(), Conflicts.ToBucket(),
            Unchanged.ToBucket(), LeftAlone.ToBucket(),
            new OccurrencePreview(OccurrencesToGoogle.ToBucket(), OccurrencesRemovedFromGoogle.ToBucket(), OccurrencesToWallet.ToBucket(),
                OccurrencesSkippedInWallet.ToBucket(), OccurrenceConflicts.ToBucket()));
    }

    /// <summary>How a counted push reaches Google.</summary>
    private enum PushKind { New, Updated, Unchanged }

    /// <summary>Why the sync pushes a wallet event: a link of an earlier connection, no link, or a change queued while
    /// the connection waited (pushed even when its master is unchanged, for its occurrences).</summary>
    private enum PushOrigin { EarlierConnection, Unlinked, Queued }
}
