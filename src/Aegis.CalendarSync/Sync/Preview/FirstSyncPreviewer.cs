using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>The dry run of a connection's first sync. Guarantees: Google is only read (events.list over the full sync's
/// window, a get to confirm a linked event the list did not return, the calendar list for the calendar's name) and the
/// store is only read; every Google event goes through the sync's own <see cref="InboundDecider"/>, the links the list
/// did not return and the unlinked wallet events through the same selections the full sync uses, the deletions through
/// the same mass-delete rule. A calendar still to be created holds nothing, so every wallet event is new there.</summary>
public sealed class FirstSyncPreviewer
{
    private readonly IGoogleCalendarClient google;
    private readonly RemoteEvents remoteEvents;
    private readonly InboundDecider decider;
    private readonly MassDeleteGuard guard;
    private readonly IMappingStore mappings;
    private readonly IFinancialEventStore events;
    private readonly ISyncQueueStore queue;
    private readonly FinancialEventMapper mapper;
    private readonly IOptions<SyncEngineOptions> options;
    private readonly TimeProvider time;

    internal FirstSyncPreviewer(IGoogleCalendarClient google, RemoteEvents remoteEvents, InboundDecider decider, MassDeleteGuard guard,
        IMappingStore mappings, IFinancialEventStore events, ISyncQueueStore queue, FinancialEventMapper mapper,
        IOptions<SyncEngineOptions> options, TimeProvider time)
    {
        (this.google, this.remoteEvents, this.decider, this.guard, this.mappings) = (google, remoteEvents, decider, guard, mappings);
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
                foreach (var item in page.Items ?? [])
                {
                    if (item.Id is null)
                    {
                        continue;
                    }

                    run.Listed[item.Id] = item;
                    run.Count(await decider.DecideAsync(settings, item, pass, ct).ConfigureAwait(false), pass);
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
                run.CountPush(missing.Local);
                continue;
            }

            var remote = await remoteEvents.GetAsync(account, missing.Mapping.GoogleRef, ct).ConfigureAwait(false);
            if (remote.IsCancelled)
            {
                run.Count(await decider.DecideAsync(settings, remote, pass, ct).ConfigureAwait(false), pass);
            }
        }

        foreach (var unlinked in await decider.UnlinkedAsync(settings, windowStart, ct).ConfigureAwait(false))
        {
            run.CountPush(unlinked);
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
                run.CountPush(local);
            }
            else if (await mappings.GetByEventAsync(settings.UserId, id, ct).ConfigureAwait(false) is not null)
            {
                run.InGoogleDeleted.Add(id.ToString(), local?.Title);
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

        /// <summary>Wallet events the list step already settled (linked, imported, conflicting ...): not pushed again.</summary>
        private readonly HashSet<Guid> _settled = [];

        /// <summary>Counts one decision as the sync would apply it (a deletion is collected in the pass, as the sync does).</summary>
        public void Count(InboundDecision d, InboundPass pass)
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
                    CountPush(d.Local);
                    break;
            }
        }

        /// <summary>A wallet event the sync pushes: new in Google, an update of the copy Google holds, or the same already.</summary>
        public void CountPush(FinancialEvent local)
        {
            if (!_settled.Add(local.Id) || mapper.ToGoogleEvent(local) is not { } desired)
            {
                return;
            }

            var key = local.Id.ToString();
            if (!Listed.TryGetValue(GoogleEventId.FromFinancialEventId(local.Id), out var copy) || copy.IsCancelled)
            {
                ToGoogleNew.Add(key, local.Title);
            }
            else if (EventContentHash.Compute(copy) == EventContentHash.Compute(desired))
            {
                Unchanged.Add(key, local.Title);
            }
            else
            {
                ToGoogleUpdated.Add(key, local.Title);
            }
        }

        public SyncPreview ToPreview(PreviewCalendar calendar, DateTimeOffset windowStart, bool deletionsHeld) => new(
            [calendar], windowStart, ToGoogleNew.ToBucket(), ToGoogleUpdated.ToBucket(), ToWalletNew.ToBucket(),
            ToWalletUpdated.ToBucket(), ToWalletTrash.ToBucket(), deletionsHeld, InGoogleDeleted.ToBucket(), Conflicts.ToBucket(),
            Unchanged.ToBucket(), LeftAlone.ToBucket());
    }
}
