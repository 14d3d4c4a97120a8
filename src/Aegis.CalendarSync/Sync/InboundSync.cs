using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync;

/// <summary>sync_from_google, incremental_sync and full_sync. Guarantees: the sync token is stored only after the
/// last page's changes are committed (a crash mid-way replays pages, never skips them); a 410 drops the token and
/// full-syncs; echoes of our own writes are recognised by etag or content hash however late they arrive; events
/// created in Google are imported; deletions reconcile both ways. Deletions from Google are collected per sync and
/// judged by the <see cref="MassDeleteGuard"/> before the token is stored (a mass delete is held, not applied); a
/// mapping made under an earlier connection is re-pushed, never read as a deletion. A change that cannot be applied
/// (see <see cref="InboundFailurePolicy"/>) is recorded for its event and retried by later syncs; the rest of the page
/// is applied and the token still advances. Each synced calendar (<see cref="CalendarRouting"/>) is listed with its own
/// sync token, and a 410 on one calendar full-syncs that calendar only.</summary>
internal sealed class InboundSync(
    ConnectedAccounts accounts,
    CalendarRoutes routes,
    ISyncedCalendarStore calendars,
    IFinancialEventStore events,
    IMappingStore mappings,
    IInboundFailureStore failures,
    IGoogleCalendarClient google,
    RemoteEvents remoteEvents,
    InboundDecider decider,
    FinancialEventMapper mapper,
    SyncStateWriter writer,
    ConflictResolver conflicts,
    OccurrenceSync occurrences,
    IOccurrenceStore occurrenceStore,
    OutboundSync outbound,
    OfflineChangeCatchUp offlineChanges,
    MassDeleteGuard guard,
    SyncAuditor auditor,
    IInboundPageStore pageStore,
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    public async Task SyncOneAsync(Guid userId, string googleEventId, CancellationToken ct)
    {
        if (await BeginAsync(userId, ct).ConfigureAwait(false) is not { } attempt)
        {
            return;
        }

        var pass = await BeginPassAsync(userId, ct).ConfigureAwait(false);
        var remote = await remoteEvents.GetAsync(attempt.Account, new GoogleEventRef(attempt.CalendarId, googleEventId, null), ct).ConfigureAwait(false);
        await TryApplyAsync(attempt.Settings, remote, failedBefore: true, pass, ct).ConfigureAwait(false);
        await SettleDeletionsAsync(attempt, pass, ct).ConfigureAwait(false);
    }

    /// <summary>Incremental sync of <paramref name="calendarId"/>, or of every synced calendar when null (one after the other).</summary>
    public async Task IncrementalAsync(Guid userId, string? calendarId, CancellationToken ct)
    {
        foreach (var scoped in await ScopesAsync(userId, calendarId, ct).ConfigureAwait(false))
        {
            await IncrementalAsync(new SyncAttempt(scoped, auditor.StartTimestamp()), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Full sync of <paramref name="calendarId"/>, or of every synced calendar when null (one after the other).</summary>
    public async Task FullAsync(Guid userId, string? calendarId, CancellationToken ct)
    {
        foreach (var scoped in await ScopesAsync(userId, calendarId, ct).ConfigureAwait(false))
        {
            await FullAsync(new SyncAttempt(scoped, auditor.StartTimestamp()), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The settings seen from each calendar to sync: <paramref name="calendarId"/> when the user syncs it (none
    /// otherwise: a push of a calendar dropped since is ignored), or every synced calendar, the default one first.</summary>
    private async Task<IReadOnlyList<CalendarSyncSettings>> ScopesAsync(Guid userId, string? calendarId, CancellationToken ct)
    {
        if (await accounts.FindAsync(userId, ct).ConfigureAwait(false) is not { } settings)
        {
            return [];
        }

        var routing = await routes.GetAsync(settings, ct).ConfigureAwait(false);
        return (calendarId is null ? routing.CalendarIds : [calendarId])
            .Select(routing.Scope).OfType<CalendarSyncSettings>().ToList();
    }

    private async Task IncrementalAsync(SyncAttempt attempt, CancellationToken ct)
    {
        var settings = attempt.Settings;
        var userId = settings.UserId;
        if (settings.SyncToken is null)
        {
            await FullAsync(attempt, ct).ConfigureAwait(false);
            return;
        }

        var syncStart = time.GetUtcNow();
        var pass = await BeginPassAsync(userId, ct).ConfigureAwait(false);
        ListResult listed;
        try
        {
            listed = await ListAndApplyAsync(settings, new ListEventsRequest { SyncToken = settings.SyncToken }, seen: null, pass, ct).ConfigureAwait(false);
        }
        catch (FullSyncRequiredException ex)
        {
            await calendars.SetSyncTokenAsync(userId, settings.CalendarId, null, ct).ConfigureAwait(false);
            await auditor.RecordAsync(attempt.Audit(AuditAction.IncrementalSync, AuditOutcome.Failed) with
            {
                ErrorCode = "fullSyncRequired",
                ErrorMessage = ex.Message,
            }, attempt.StartedAt, ct).ConfigureAwait(false);
            await FullAsync(new SyncAttempt(settings with { SyncToken = null }, auditor.StartTimestamp()), ct).ConfigureAwait(false);
            return;
        }

        var retried = await RetryFailedAsync(settings, syncStart, pass, ct).ConfigureAwait(false);
        await SettleDeletionsAsync(attempt, pass, ct).ConfigureAwait(false);
        await StoreTokenAsync(settings, listed, ct).ConfigureAwait(false);
        await calendars.MarkSyncedAsync(userId, settings.CalendarId, time.GetUtcNow(), full: false, ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(AuditAction.IncrementalSync, AuditOutcome.Success) with
        {
            Details = AuditWording.Count(listed.Count + retried, "change") + Outcome(pass),
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    private async Task FullAsync(SyncAttempt attempt, CancellationToken ct)
    {
        var settings = attempt.Settings;
        var userId = settings.UserId;
        var syncStart = time.GetUtcNow();
        var windowStart = syncStart - options.Value.FullSyncWindow;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pass = await BeginPassAsync(userId, ct).ConfigureAwait(false);
        var listed = await ListAndApplyAsync(settings, new ListEventsRequest { TimeMin = windowStart }, seen, pass, ct).ConfigureAwait(false);
        await ReconcileMissingAsync(settings, windowStart, seen, pass, ct).ConfigureAwait(false);
        await RetryFailedAsync(settings, syncStart, pass, ct).ConfigureAwait(false);
        var removed = await SettleDeletionsAsync(attempt, pass, ct).ConfigureAwait(false);
        await StoreTokenAsync(settings, listed, ct).ConfigureAwait(false);
        var pushed = await PushUnmappedAsync(settings, windowStart, ct).ConfigureAwait(false);
        // Wallet edits Google does not hold yet (made while disconnected, so never queued) go out after Google's side.
        pushed += await offlineChanges.QueueUnsentAsync(settings, ct).ConfigureAwait(false);

        await calendars.MarkSyncedAsync(userId, settings.CalendarId, time.GetUtcNow(), full: true, ct).ConfigureAwait(false);

        await auditor.RecordAsync(attempt.Audit(AuditAction.FullSync, AuditOutcome.Success) with
        {
            Details = $"{AuditWording.Count(listed.Count, "event")} listed, {removed} deleted in Google, {pushed} sent to Google" + Outcome(pass),
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    private async Task<InboundPass> BeginPassAsync(Guid userId, CancellationToken ct) =>
        new(await guard.HeldIdsAsync(userId, ct).ConfigureAwait(false));

    /// <summary>The deletions the pass collected: all held when they are a mass delete, otherwise applied (each moves
    /// the wallet event to the Trash). Returns the number applied.</summary>
    private async Task<int> SettleDeletionsAsync(SyncAttempt attempt, InboundPass pass, CancellationToken ct)
    {
        if (await guard.TryHoldAsync(attempt, pass.Deletions, ct).ConfigureAwait(false))
        {
            pass.HeldCount = pass.Deletions.Count;
            return 0;
        }

        foreach (var d in pass.Deletions)
        {
            await conflicts.ApplyGoogleAsync(attempt.Settings, d.Local, d.Mapping, d.Remote, ct).ConfigureAwait(false);
            await AuditAppliedAsync(attempt, AuditAction.DeleteFromGoogle, d.Local, d.Remote, ct).ConfigureAwait(false);
        }

        return pass.Deletions.Count;
    }

    private static string Outcome(InboundPass pass) =>
        (pass.HeldCount > 0 ? $", {AuditWording.Count(pass.HeldCount, "deletion")} held" : "")
        + (pass.Repushed > 0 ? $", {pass.Repushed} re-pushed (earlier connection)" : "");

    /// <summary>Stored only after the list's changes and its deletions (applied or held) are committed.</summary>
    private async Task StoreTokenAsync(CalendarSyncSettings settings, ListResult listed, CancellationToken ct)
    {
        if (listed.NextSyncToken is { } token)
        {
            await calendars.SetSyncTokenAsync(settings.UserId, settings.CalendarId, token, ct).ConfigureAwait(false);
        }
    }

    private sealed record ListResult(int Count, string? NextSyncToken);

    /// <summary>An attempt for a connected user whose sync is on; null for anyone else (no API call is made).</summary>
    private async Task<SyncAttempt?> BeginAsync(Guid userId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false);
        return settings is null ? null : new SyncAttempt(settings, started);
    }

    /// <summary>All pages of one list; each page's events are committed before the next is fetched; the sync token
    /// (present only on the last page) is returned for the caller to store last. Per page the store is read in bulk
    /// (<see cref="KnownPage"/>: its mappings, then their wallet events and those its new events would become, then the
    /// mappings of those); an event unchanged since the last sync costs nothing more. The other events are decided from
    /// those reads by the same rules (<see cref="InboundDecider"/>): imports, Google's uncontested edits and echoes' newer
    /// etags are written together at the end of the page (<see cref="InboundPageBatch"/>: one transaction of multi-row
    /// statements), the rest (conflicts, series instances, relinks, copies, earlier connections, events that failed
    /// before) goes through <see cref="TryApplyAsync"/> one by one (isolated: a change that cannot be applied is recorded
    /// and the page goes on) after what was collected before it is written; from then on the page's reads may be stale,
    /// so the rest of the page is applied one by one too. Deletions are collected for the mass-delete guard either way.</summary>
    private async Task<ListResult> ListAndApplyAsync(CalendarSyncSettings settings, ListEventsRequest first, HashSet<string>? seen,
        InboundPass pass, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        var request = first with { MaxResults = options.Value.ListPageSize };
        var failing = await FailingEventIdsAsync(settings, ct).ConfigureAwait(false);
        var count = 0;
        while (true)
        {
            var page = await google.ListEventsAsync(account, settings.CalendarId, request, ct).ConfigureAwait(false);
            var items = page.Items ?? [];
            pass.NoteDeletedSeries(items);
            var known = await KnownPage.ReadAsync(mappings, events, settings, items, ct).ConfigureAwait(false);
            var batch = new InboundPageBatch(writer, auditor, pageStore);
            var fromReads = true;
            foreach (var item in items)
            {
                if (item.Id is null)
                {
                    continue;
                }

                seen?.Add(item.Id);
                count++;
                var failedBefore = failing.Contains(item.Id);
                if (!failedBefore && known.IsUnchanged(item))
                {
                    // As last synced (an unchanged event of a full sync, or a late echo): no query, no write, no audit.
                    telemetry.RecordSkip("echo");
                    continue;
                }

                if (fromReads && !failedBefore && await TryTakeAsync(settings, item, known, batch, pass, ct).ConfigureAwait(false))
                {
                    continue;
                }

                await FlushAsync(settings, batch, pass, ct).ConfigureAwait(false);
                fromReads = false;
                await TryApplyAsync(settings, item, failedBefore, pass, ct).ConfigureAwait(false);
            }

            await FlushAsync(settings, batch, pass, ct).ConfigureAwait(false);
            if (page.NextPageToken is { } next)
            {
                request = request with { PageToken = next };
                continue;
            }

            return new ListResult(count, page.NextSyncToken);
        }
    }

    /// <summary>Decides <paramref name="remote"/> on the page's reads and handles it there when that writes nothing
    /// apart from the page's batch (true); false when it is to be applied on its own.</summary>
    private async Task<bool> TryTakeAsync(CalendarSyncSettings settings, GoogleEvent remote, KnownPage known, InboundPageBatch batch,
        InboundPass pass, CancellationToken ct)
    {
        var attempt = new SyncAttempt(settings, auditor.StartTimestamp());
        var decision = await decider.DecideAsync(settings, remote, pass, known, ct).ConfigureAwait(false);
        if (decision.Rebind)
        {
            return false;
        }

        switch (decision.Step)
        {
            case InboundStep.Ignored or InboundStep.AlreadyHeld:
                return true;
            case InboundStep.Foreign:
                telemetry.RecordSkip("foreign");
                return true;
            case InboundStep.Deletion:
                pass.Defer(decision.Local!, decision.Mapping!, remote);
                return true;
            case InboundStep.Echo when remote.Etag == decision.Mapping!.GoogleEtag:
                telemetry.RecordSkip("echo");
                return true;
            default:
                if (!batch.TryAdd(attempt, decision))
                {
                    return false;
                }

                if (decision.Step == InboundStep.Echo)
                {
                    telemetry.RecordSkip("echo");
                }

                return true;
        }
    }

    /// <summary>Writes the page's collected changes; when one found its row changed meanwhile (nothing written), each
    /// is applied on its own instead, decided again on what the store holds now.</summary>
    private async Task FlushAsync(CalendarSyncSettings settings, InboundPageBatch batch, InboundPass pass, CancellationToken ct)
    {
        foreach (var decision in await batch.FlushAsync(ct).ConfigureAwait(false))
        {
            await TryApplyAsync(settings, decision.Remote, failedBefore: false, pass, ct).ConfigureAwait(false);
        }
    }

    private async Task<HashSet<string>> FailingEventIdsAsync(CalendarSyncSettings settings, CancellationToken ct) =>
        (await failures.ListAsync(settings.UserId, ct).ConfigureAwait(false))
            .Where(f => f.GoogleCalendarId == settings.CalendarId)
            .Select(f => f.GoogleEventId)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary><see cref="ApplyAsync"/>, isolating a change that cannot be applied: it is recorded for its event
    /// (and audited) instead of failing the sync. A success clears the event's earlier failure. True when applied.</summary>
    private async Task<bool> TryApplyAsync(CalendarSyncSettings settings, GoogleEvent remote, bool failedBefore, InboundPass pass,
        CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        try
        {
            await ApplyAsync(settings, remote, pass, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (InboundFailurePolicy.IsPoison(ex))
        {
            var reason = InboundFailurePolicy.Describe(ex);
            await failures.RecordAsync(settings.UserId, settings.CalendarId, remote.Id!, reason, time.GetUtcNow(), ct).ConfigureAwait(false);
            telemetry.RecordSkip("inbound_failed");
            await auditor.RecordAsync(new SyncAttempt(settings, started).Audit(AuditAction.SyncFromGoogle, AuditOutcome.Failed) with
            {
                GoogleEventId = remote.Id,
                ErrorCode = "inbound_apply_failed",
                ErrorMessage = reason,
            }, started, ct).ConfigureAwait(false);
            return false;
        }

        if (failedBefore)
        {
            await failures.ClearAsync(settings.UserId, settings.CalendarId, remote.Id!, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Retries the recorded failures of the current calendar that are due (backoff per
    /// <see cref="InboundFailurePolicy.NextAttempt"/>) against what Google holds now, except those that already
    /// failed again in this sync (since <paramref name="syncStart"/>); returns how many were applied.</summary>
    private async Task<int> RetryFailedAsync(CalendarSyncSettings settings, DateTimeOffset syncStart, InboundPass pass, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var account = ConnectedAccounts.AccountOf(settings);
        var applied = 0;
        foreach (var failure in await failures.ListAsync(settings.UserId, ct).ConfigureAwait(false))
        {
            if (failure.GoogleCalendarId != settings.CalendarId || failure.LastFailedAt >= syncStart
                || InboundFailurePolicy.NextAttempt(failure.LastFailedAt, failure.Attempts, options.Value.InboundFailureRetryBase,
                    options.Value.InboundFailureRetryMax) > now)
            {
                continue;
            }

            var remote = await remoteEvents.GetAsync(account, new GoogleEventRef(settings.CalendarId, failure.GoogleEventId, null), ct)
                .ConfigureAwait(false);
            if (await TryApplyAsync(settings, remote, failedBefore: true, pass, ct).ConfigureAwait(false))
            {
                applied++;
            }
        }

        return applied;
    }

    /// <summary>Applies one Google event (changed, created or cancelled) to the wallet as a pass of its own (a
    /// deletion is still judged by the mass-delete guard, and skipped when already held).</summary>
    public async Task ApplyAsync(CalendarSyncSettings settings, GoogleEvent remote, CancellationToken ct)
    {
        var pass = await BeginPassAsync(settings.UserId, ct).ConfigureAwait(false);
        await ApplyAsync(settings, remote, pass, ct).ConfigureAwait(false);
        await SettleDeletionsAsync(new SyncAttempt(settings, auditor.StartTimestamp()), pass, ct).ConfigureAwait(false);
    }

    /// <summary>Applies one Google event (changed, created or cancelled) to the wallet as <see cref="InboundDecider"/>
    /// decides; an uncontested deletion is collected in <paramref name="pass"/> for the mass-delete guard.</summary>
    private async Task ApplyAsync(CalendarSyncSettings settings, GoogleEvent remote, InboundPass pass, CancellationToken ct)
    {
        var attempt = new SyncAttempt(settings, auditor.StartTimestamp());
        var decision = await decider.DecideAsync(settings, remote, pass, ct).ConfigureAwait(false);
        var mapping = decision.Mapping;
        if (decision.Rebind)
        {
            mapping = await writer.RebindAsync(settings, mapping!, ct).ConfigureAwait(false);
        }

        var local = decision.Local;
        switch (decision.Step)
        {
            case InboundStep.Occurrence:
                await ApplyInstanceAsync(attempt, remote, pass.IsSeriesDeleted(remote.RecurringEventId!), ct).ConfigureAwait(false);
                return;
            case InboundStep.Ignored or InboundStep.AlreadyHeld:
                return;
            case InboundStep.Foreign:
                telemetry.RecordSkip("foreign");
                return;
            case InboundStep.LostEvent:
                await mappings.DeleteAsync(settings.UserId, mapping!.FinancialEventId, ct).ConfigureAwait(false);
                return;
            case InboundStep.Repush:
                await RepushAsync(settings, mapping!, pass, ct).ConfigureAwait(false);
                return;
            case InboundStep.Echo:
                // Counted in aegis.sync.skipped{reason=echo}, never audited, so echoes and unchanged events cost no
                // database write beyond a new etag.
                if (remote.Etag != mapping!.GoogleEtag)
                {
                    await writer.AdoptEtagAsync(settings, mapping, remote, ct).ConfigureAwait(false);
                }

                telemetry.RecordSkip("echo");
                return;
            case InboundStep.Deletion:
                pass.Defer(local!, mapping!, remote);
                return;
            case InboundStep.DeletionConflict or InboundStep.DeletedBothSides:
                await ApplyRemoteDeletionAsync(attempt, decision with { Mapping = mapping }, ct).ConfigureAwait(false);
                return;
            case InboundStep.Conflict or InboundStep.UpdateWallet:
                await ApplyRemoteChangeAsync(attempt, decision with { Mapping = mapping }, ct).ConfigureAwait(false);
                return;
            case InboundStep.ImportCopy:
                await ImportCopyAsync(attempt, remote, mapping!, ct).ConfigureAwait(false);
                return;
            default:
                await ImportAsync(attempt, decision, ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Google changed a linked event: alone (the wallet takes it) or while the wallet changed it too (the
    /// conflict strategy decides; when the wallet wins its pending outbound write will pass If-Match).</summary>
    private async Task ApplyRemoteChangeAsync(SyncAttempt attempt, InboundDecision decision, CancellationToken ct)
    {
        var (local, mapping, remote) = (decision.Local!, decision.Mapping!, decision.Remote);
        var resolution = decision.Step == InboundStep.Conflict
            ? await conflicts.ResolveAsync(attempt, new ConflictCase(local, mapping, remote, ConflictCause.BothChanged), ct).ConfigureAwait(false)
            : await ApplyUncontestedAsync(attempt, local, mapping, remote, ct).ConfigureAwait(false);
        if (resolution == ConflictResolution.KeepLocal && local.DeletedAt is null && !LocalChange.ContentChanged(local, mapping, mapper))
        {
            // The wallet's writes brought it back to the version last synced, so its push skips as unchanged: write it now.
            await outbound.PushOverAsync(attempt, local, mapping, remote, ct).ConfigureAwait(false);
        }
        else if (resolution == ConflictResolution.KeepLocal)
        {
            // The pending outbound write of the wallet's edit will now pass If-Match and overwrite Google.
            await writer.AdoptEtagAsync(attempt.Settings, mapping, remote, ct).ConfigureAwait(false);
        }
        else if (resolution == ConflictResolution.KeepGoogle)
        {
            await AuditAppliedAsync(attempt, AuditAction.SyncFromGoogle, local, remote, ct).ConfigureAwait(false);
        }
    }

    /// <summary>An exception or cancelled instance of a series: an occurrence override, never a new event or a change
    /// to the series. Whatever shape Google sends, a failure is audited and the rest of the sync goes on.</summary>
    private async Task ApplyInstanceAsync(SyncAttempt attempt, GoogleEvent instance, bool seriesDeleted, CancellationToken ct)
    {
        try
        {
            await occurrences.ApplyInstanceAsync(attempt, instance, seriesDeleted, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await auditor.RecordAsync(attempt.Audit(AuditAction.SyncFromGoogle, AuditOutcome.Failed) with
            {
                GoogleEventId = instance.Id,
                ErrorCode = "occurrence_not_applied",
                ErrorMessage = ex.Message,
            }, attempt.StartedAt, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Google deleted a linked event the wallet changed meanwhile (a conflict; when the wallet wins, or the user
    /// decides, the event is kept and its pending outbound write revives the Google event) or deleted too.</summary>
    private async Task ApplyRemoteDeletionAsync(SyncAttempt attempt, InboundDecision decision, CancellationToken ct)
    {
        var (local, mapping, remote) = (decision.Local!, decision.Mapping!, decision.Remote);
        var resolution = decision.Step == InboundStep.DeletionConflict
            ? await conflicts.ResolveAsync(attempt, new ConflictCase(local, mapping, remote, ConflictCause.RemoteDeleted), ct).ConfigureAwait(false)
            : await ApplyUncontestedAsync(attempt, local, mapping, remote, ct).ConfigureAwait(false);
        if (resolution == ConflictResolution.KeepGoogle)
        {
            await AuditAppliedAsync(attempt, AuditAction.DeleteFromGoogle, local, remote, ct).ConfigureAwait(false);
        }
        else if (resolution == ConflictResolution.KeepLocal && !LocalChange.ContentChanged(local, mapping, mapper))
        {
            // As for an edit: its push skips as unchanged, so the wallet's version is written back over the deletion now.
            await outbound.PushOverAsync(attempt, local, mapping, remote, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Only Google changed the event since the last sync: its version (or deletion) reaches the wallet.</summary>
    private async Task<ConflictResolution?> ApplyUncontestedAsync(SyncAttempt attempt, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent remote, CancellationToken ct)
    {
        await conflicts.ApplyGoogleAsync(attempt.Settings, local, mapping, remote, ct).ConfigureAwait(false);
        return ConflictResolution.KeepGoogle;
    }

    /// <summary>Audits Google's change applied to <paramref name="before"/>: the row names the event by the title it had
    /// before the change (the one the user knew) and says what changed.</summary>
    private async Task AuditAppliedAsync(SyncAttempt attempt, AuditAction action, FinancialEvent before, GoogleEvent remote, CancellationToken ct)
    {
        var after = remote.IsCancelled ? null : await events.GetAsync(attempt.UserId, before.Id, ct, includeDeleted: true).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(action, AuditOutcome.Success) with
        {
            FinancialEventId = before.Id,
            GoogleEventId = remote.Id,
            EventTitle = before.Title,
            Details = after is null ? null : EventChangeDescription.Describe(before, after),
            PropagationMs = auditor.PropagationSince(remote.Updated),
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    /// <summary>An event without a link that becomes (or is relinked to) a wallet event: <see cref="InboundStep.Import"/>,
    /// <see cref="InboundStep.Relink"/> (the wallet's version is pushed by the next outbound write) or
    /// <see cref="InboundStep.RelinkFromGoogle"/>.</summary>
    private async Task ImportAsync(SyncAttempt attempt, InboundDecision decision, CancellationToken ct)
    {
        var (settings, remote, existing) = (attempt.Settings, decision.Remote, decision.Local);
        if (decision.Step == InboundStep.Relink)
        {
            // Relink: record what Google holds; the wallet's version is pushed by the next outbound write.
            var googleHash = EventContentHash.Compute(remote);
            await writer.SaveMappingAsync(settings, existing!.Id, null, remote, googleHash, googleHash, SyncSource.Google,
                remote.Updated ?? time.GetUtcNow(), synced: null, ct).ConfigureAwait(false);
            return;
        }

        var applied = await writer.ApplyRemoteAsync(settings, existing, null, remote, ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(AuditAction.SyncFromGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = applied.Id,
            GoogleEventId = remote.Id,
            EventTitle = applied.Title,
            ErrorCode = existing is null ? "imported" : "relinked",
            PropagationMs = auditor.PropagationSince(remote.Updated),
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    /// <summary>A Google event carrying the wallet id of another, still linked, event: a copy made in Google. The
    /// "this and following" split of a series (id <c>{master}_R{start}</c>, the private properties copied) becomes a
    /// second wallet series that takes over the original's overrides from its start on, so no occurrence is lost or
    /// doubled (the original's rule now ends before it); any other copy becomes an event of its own.</summary>
    private async Task ImportCopyAsync(SyncAttempt attempt, GoogleEvent remote, CalendarSyncMapping original, CancellationToken ct)
    {
        var properties = remote.ExtendedProperties?.Private?.Where(p => p.Key != AegisProperties.EventId).ToDictionary(p => p.Key, p => p.Value);
        var copy = remote with { ExtendedProperties = remote.ExtendedProperties! with { Private = properties } };
        var applied = await writer.ApplyRemoteAsync(attempt.Settings, null, null, copy, ct).ConfigureAwait(false);
        var split = OccurrenceSync.IsInstanceOf(original, remote.Id!) && remote.Id![(original.GoogleEventId.Length + 1)..].StartsWith('R');
        var moved = split
            ? await occurrenceStore.MoveAsync(attempt.UserId, original.FinancialEventId, applied.Id, applied.StartAt, ct).ConfigureAwait(false)
            : 0;
        await auditor.RecordAsync(attempt.Audit(AuditAction.SyncFromGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = applied.Id,
            GoogleEventId = remote.Id,
            ErrorCode = split ? "series_split" : "imported_copy",
            Details = split ? $"split from '{original.FinancialEventId}'; {AuditWording.Count(moved, "changed occurrence")} moved to the new series" : null,
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    /// <summary>Mapped events in the window that the full list did not return (<see cref="InboundDecider.MissingLinksAsync"/>)
    /// were deleted in Google. Each is confirmed with a get before the wallet deletes anything (a list is not proof of
    /// absence for a bill). Mapped events of an earlier connection that the list did not return are re-pushed instead.</summary>
    private async Task ReconcileMissingAsync(CalendarSyncSettings settings, DateTimeOffset windowStart, HashSet<string> seen,
        InboundPass pass, CancellationToken ct)
    {
        foreach (var missing in await decider.MissingLinksAsync(settings, windowStart, seen, ct).ConfigureAwait(false))
        {
            if (missing.Earlier)
            {
                await RepushAsync(settings, missing.Mapping, pass, ct).ConfigureAwait(false);
                continue;
            }

            var remote = await remoteEvents.GetAsync(ConnectedAccounts.AccountOf(settings), missing.Mapping.GoogleRef, ct).ConfigureAwait(false);
            if (remote.IsCancelled)
            {
                await TryApplyAsync(settings, remote, failedBefore: false, pass, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A wallet event linked under an earlier connection: the link is dropped (no call to the old account or
    /// calendar) and the event pushed to the current calendar; a deterministic id adopts a copy already there.</summary>
    private async Task RepushAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, InboundPass pass, CancellationToken ct)
    {
        await mappings.DeleteAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
        await outbound.SyncAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
        pass.Repushed++;
    }

    /// <summary>Wallet events with no Google counterpart (<see cref="InboundDecider.UnlinkedAsync"/>; e.g. created before
    /// the account was connected) are pushed. One that another writer (its own queued push) linked while this pass ran
    /// is left to it: that writer's mapping decides its next push, and a Google edit made meanwhile is not written over.</summary>
    private async Task<int> PushUnmappedAsync(CalendarSyncSettings settings, DateTimeOffset windowStart, CancellationToken ct)
    {
        var pushed = 0;
        foreach (var e in await decider.UnlinkedAsync(settings, windowStart, ct).ConfigureAwait(false))
        {
            try
            {
                await outbound.SyncAsync(settings.UserId, e.Id, ct, measurePropagation: false).ConfigureAwait(false);
                pushed++;
            }
            catch (MappingConflictException)
            {
                // Linked by the other writer between this pass's read and its insert: nothing of this event is left here.
            }
        }

        return pushed;
    }
}
