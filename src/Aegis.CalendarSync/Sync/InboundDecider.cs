using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>The inbound sync's rules for one Google event, decided from the store without writing anything. The sync
/// (<see cref="InboundSync"/>) applies each decision at once; the first-sync preview (<see cref="Preview.FirstSyncPreviewer"/>)
/// only counts them, so the two cannot disagree.</summary>
internal sealed class InboundDecider(IFinancialEventStore events, IMappingStore mappings, FinancialEventMapper mapper)
{
    private readonly StoreInboundReads _store = new(events, mappings);

    public Task<InboundDecision> DecideAsync(CalendarSyncSettings settings, GoogleEvent remote, InboundPass pass, CancellationToken ct) =>
        DecideAsync(settings, remote, pass, _store, ct);

    /// <summary>The decision for <paramref name="remote"/> taken on <paramref name="reads"/> (e.g. a page read in bulk).</summary>
    public async Task<InboundDecision> DecideAsync(CalendarSyncSettings settings, GoogleEvent remote, InboundPass pass, IInboundReads reads,
        CancellationToken ct)
    {
        if (remote.RecurringEventId is not null)
        {
            return new InboundDecision(InboundStep.Occurrence, remote);
        }

        var mapping = await reads.MappingByGoogleIdAsync(settings.UserId, settings.CalendarId, remote.Id!, ct).ConfigureAwait(false);
        if (mapping is null)
        {
            return await DecideUnlinkedAsync(settings, remote, reads, ct).ConfigureAwait(false);
        }

        var local = await reads.EventAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
        if (local is null)
        {
            return new InboundDecision(InboundStep.LostEvent, remote) { Mapping = mapping };
        }

        var earlier = mapping.IsFromEarlierConnection(settings);
        if (earlier && remote.IsCancelled)
        {
            // Absent under this connection proves nothing about the wallet's record: put it back in Google.
            return new InboundDecision(InboundStep.Repush, remote) { Mapping = mapping, Local = local };
        }

        var linked = new InboundDecision(InboundStep.Echo, remote) { Mapping = mapping, Local = local, Rebind = earlier };
        if (remote.IsCancelled)
        {
            return linked with { Step = DecideDeletion(pass, local, mapping) };
        }

        if (remote.Etag == mapping.GoogleEtag || EventContentHash.Compute(remote) == mapping.GoogleSideHash)
        {
            // Our own write coming back (or a change to fields we do not sync, or an unchanged event in a full sync).
            return linked;
        }

        var locallyChanged = local.DeletedAt is not null || LocalChange.IsUnsynced(local, mapping, mapper);
        return linked with { Step = locallyChanged ? InboundStep.Conflict : InboundStep.UpdateWallet };
    }

    /// <summary>Google deleted a linked event: an unsynced wallet edit makes it a conflict; an event already held waits
    /// for the user; an untouched live one goes to the Trash.</summary>
    private InboundStep DecideDeletion(InboundPass pass, FinancialEvent local, CalendarSyncMapping mapping)
    {
        if (pass.IsHeld(local.Id))
        {
            return InboundStep.AlreadyHeld;
        }

        if (local.DeletedAt is not null)
        {
            return InboundStep.DeletedBothSides;
        }

        return LocalChange.IsUnsynced(local, mapping, mapper) ? InboundStep.DeletionConflict : InboundStep.Deletion;
    }

    /// <summary>An event without a link: created in Google (imported only from a calendar marked for import; elsewhere
    /// ignored and never modified), or ours with a lost link (relinked).</summary>
    private async Task<InboundDecision> DecideUnlinkedAsync(CalendarSyncSettings settings, GoogleEvent remote, IInboundReads reads, CancellationToken ct)
    {
        if (remote.IsCancelled)
        {
            return new InboundDecision(InboundStep.Ignored, remote);
        }

        if (!settings.ImportForeignEvents && !FinancialEventMapper.IsWrittenByAegis(remote))
        {
            return new InboundDecision(InboundStep.Foreign, remote);
        }

        var id = FinancialEventMapper.ImportedEventId(settings.UserId, remote);
        if (await reads.MappingByEventAsync(settings.UserId, id, ct).ConfigureAwait(false) is { } original && original.GoogleEventId != remote.Id)
        {
            return new InboundDecision(InboundStep.ImportCopy, remote) { Mapping = original };
        }

        var existing = await reads.EventAsync(settings.UserId, id, ct).ConfigureAwait(false);
        if (existing is { DeletedAt: not null })
        {
            // Deleted in the wallet; its outbound delete removes the Google copy.
            return new InboundDecision(InboundStep.Ignored, remote) { Local = existing };
        }

        if (existing is null)
        {
            return new InboundDecision(InboundStep.Import, remote);
        }

        var winner = ConflictPolicy.Decide(settings.ConflictStrategy, existing.UpdatedAt, remote.Updated);
        return new InboundDecision(winner == ConflictWinner.Google ? InboundStep.RelinkFromGoogle : InboundStep.Relink, remote) { Local = existing };
    }

    /// <summary>Links a full list did not return (<paramref name="seen"/> holds what it returned) that the full sync looks
    /// at, for live wallet events ending after <paramref name="windowStart"/>: links under an earlier connection (the
    /// event is re-pushed) and links on the current calendar (a get confirms the deletion before anything changes).</summary>
    public async Task<IReadOnlyList<MissingLink>> MissingLinksAsync(CalendarSyncSettings settings, DateTimeOffset windowStart,
        IReadOnlySet<string> seen, CancellationToken ct)
    {
        var missing = new List<MissingLink>();
        foreach (var mapping in await mappings.ListAsync(settings.UserId, ct).ConfigureAwait(false))
        {
            var onCurrentCalendar = mapping.GoogleCalendarId == settings.CalendarId;
            var earlier = mapping.IsFromEarlierConnection(settings);
            if ((onCurrentCalendar && seen.Contains(mapping.GoogleEventId)) || (!onCurrentCalendar && !earlier))
            {
                continue;
            }

            var local = await events.GetAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
            if (local is not null && local.EndAt > windowStart)
            {
                missing.Add(new MissingLink(mapping, local, earlier));
            }
        }

        return missing;
    }

    /// <summary>Live wallet events with no link that end after <paramref name="windowStart"/> and have a Google form: the
    /// full sync pushes them (a deterministic id adopts a copy Google already holds).</summary>
    public async Task<IReadOnlyList<FinancialEvent>> UnlinkedAsync(CalendarSyncSettings settings, DateTimeOffset windowStart, CancellationToken ct)
    {
        const int PageSize = 500;
        var mapped = (await mappings.ListAsync(settings.UserId, ct).ConfigureAwait(false)).Select(m => m.FinancialEventId).ToHashSet();
        var unlinked = new List<FinancialEvent>();
        var offset = 0;
        while (true)
        {
            var page = await events.ListAsync(settings.UserId, new EventQuery(Limit: PageSize, Offset: offset), ct).ConfigureAwait(false);
            unlinked.AddRange(page.Where(e => !mapped.Contains(e.Id) && e.EndAt > windowStart && mapper.ToGoogleEvent(e) is not null));
            if (page.Count < PageSize)
            {
                return unlinked;
            }

            offset += page.Count;
        }
    }
}

/// <summary>A link the full list did not return, with its live wallet event; <see cref="Earlier"/>: made under an
/// earlier connection.</summary>
internal sealed record MissingLink(CalendarSyncMapping Mapping, FinancialEvent Local, bool Earlier);
