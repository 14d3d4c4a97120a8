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
/// created in Google are imported; deletions reconcile both ways.</summary>
public sealed class InboundSync(
    ConnectedAccounts accounts,
    IFinancialEventStore events,
    IMappingStore mappings,
    ISettingsStore settingsStore,
    IGoogleCalendarClient google,
    FinancialEventMapper mapper,
    SyncStateWriter writer,
    ConflictRecorder conflicts,
    OutboundSync outbound,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    public async Task SyncOneAsync(Guid userId, string googleEventId, CancellationToken ct)
    {
        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return;
        }

        GoogleEvent remote;
        try
        {
            remote = await google.GetEventAsync(ConnectedAccounts.AccountOf(settings), settings.CalendarId, googleEventId, ct).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            remote = new GoogleEvent { Id = googleEventId, Status = GoogleEvent.StatusCancelled };
        }

        await ApplyAsync(settings, remote, ct).ConfigureAwait(false);
    }

    public async Task IncrementalAsync(Guid userId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return;
        }

        if (settings.SyncToken is null)
        {
            await FullAsync(userId, ct).ConfigureAwait(false);
            return;
        }

        int changes;
        try
        {
            changes = await ListAndApplyAsync(settings, new ListEventsRequest { SyncToken = settings.SyncToken }, seen: null, ct).ConfigureAwait(false);
        }
        catch (FullSyncRequiredException ex)
        {
            await settingsStore.SetSyncTokenAsync(userId, null, ct).ConfigureAwait(false);
            await auditor.RecordAsync(userId, SyncActions.IncrementalSync, SyncOutcome.Failed, started, ct,
                errorCode: "fullSyncRequired", errorMessage: ex.Message).ConfigureAwait(false);
            await FullAsync(userId, ct).ConfigureAwait(false);
            return;
        }

        await auditor.RecordAsync(userId, SyncActions.IncrementalSync, SyncOutcome.Success, started, ct,
            errorMessage: $"{changes} change(s)").ConfigureAwait(false);
    }

    public async Task FullAsync(Guid userId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            return;
        }

        var windowStart = time.GetUtcNow() - options.Value.FullSyncWindow;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changes = await ListAndApplyAsync(settings, new ListEventsRequest { TimeMin = windowStart }, seen, ct).ConfigureAwait(false);
        var removed = await ReconcileMissingAsync(settings, windowStart, seen, ct).ConfigureAwait(false);
        var pushed = await PushUnmappedAsync(settings, windowStart, ct).ConfigureAwait(false);

        await settingsStore.SetLastFullSyncAsync(userId, time.GetUtcNow(), ct).ConfigureAwait(false);

        await auditor.RecordAsync(userId, SyncActions.FullSync, SyncOutcome.Success, started, ct,
            errorMessage: $"{changes} listed, {removed} deleted in Google, {pushed} pushed").ConfigureAwait(false);
    }

    /// <summary>All pages of one list; each page's events are committed before the next is fetched, and the
    /// sync token (present only on the last page) is stored last.</summary>
    private async Task<int> ListAndApplyAsync(CalendarSyncSettings settings, ListEventsRequest first, HashSet<string>? seen, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        var request = first with { MaxResults = options.Value.ListPageSize };
        var count = 0;
        while (true)
        {
            var page = await google.ListEventsAsync(account, settings.CalendarId, request, ct).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                if (item.Id is null)
                {
                    continue;
                }

                seen?.Add(item.Id);
                await ApplyAsync(settings, item, ct).ConfigureAwait(false);
                count++;
            }

            if (page.NextPageToken is { } next)
            {
                request = request with { PageToken = next };
                continue;
            }

            if (page.NextSyncToken is { } token)
            {
                await settingsStore.SetSyncTokenAsync(settings.UserId, token, ct).ConfigureAwait(false);
            }

            return count;
        }
    }

    /// <summary>Applies one Google event (changed, created or cancelled) to the wallet.</summary>
    public async Task ApplyAsync(CalendarSyncSettings settings, GoogleEvent remote, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var mapping = await mappings.GetByGoogleIdAsync(settings.UserId, settings.CalendarId, remote.Id!, ct).ConfigureAwait(false);
        if (mapping is null)
        {
            await ImportAsync(settings, remote, started, ct).ConfigureAwait(false);
            return;
        }

        var local = await events.GetAsync(settings.UserId, mapping.FinancialEventId, ct, includeDeleted: true).ConfigureAwait(false);
        if (local is null)
        {
            await mappings.DeleteAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
            return;
        }

        if (remote.IsCancelled)
        {
            await ApplyRemoteDeletionAsync(settings, local, mapping, remote, started, ct).ConfigureAwait(false);
            return;
        }

        var remoteHash = EventContentHash.Compute(remote);
        if (remote.Etag == mapping.GoogleEtag || remoteHash == mapping.ContentHash)
        {
            // Our own write coming back (or a change to fields we do not sync): remember the etag, change nothing.
            if (remote.Etag != mapping.GoogleEtag)
            {
                await writer.AdoptEtagAsync(settings, mapping, remote, ct).ConfigureAwait(false);
            }

            telemetry.RecordSkip("echo");
            await auditor.RecordAsync(settings.UserId, SyncActions.SyncFromGoogle, SyncOutcome.Skipped, started, ct,
                local.Id, remote.Id, errorCode: "echo").ConfigureAwait(false);
            return;
        }

        var locallyChanged = local.DeletedAt is not null || mapper.ContentHash(local) != mapping.ContentHash;
        var winner = locallyChanged
            ? ConflictPolicy.Decide(settings.ConflictStrategy, local.DeletedAt ?? local.UpdatedAt, remote.Updated)
            : ConflictWinner.Google;
        if (locallyChanged)
        {
            await conflicts.RecordAsync(settings, local, remote, winner, "both_changed", started, ct).ConfigureAwait(false);
        }

        switch (winner)
        {
            case ConflictWinner.Google:
                await writer.ApplyRemoteAsync(settings, local, mapping, remote, ct).ConfigureAwait(false);
                await auditor.RecordAsync(settings.UserId, SyncActions.SyncFromGoogle, SyncOutcome.Success, started, ct,
                    local.Id, remote.Id).ConfigureAwait(false);
                break;
            case ConflictWinner.Local:
                // The pending outbound write of the wallet's edit will now pass If-Match and overwrite Google.
                await writer.AdoptEtagAsync(settings, mapping, remote, ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task ApplyRemoteDeletionAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent remote, long started, CancellationToken ct)
    {
        if (local.DeletedAt is null && mapper.ContentHash(local) != mapping.ContentHash)
        {
            var winner = ConflictPolicy.Decide(settings.ConflictStrategy, local.UpdatedAt, remote.Updated ?? time.GetUtcNow());
            await conflicts.RecordAsync(settings, local, remote, winner, "remote_deleted", started, ct).ConfigureAwait(false);
            if (winner is ConflictWinner.Local or ConflictWinner.User)
            {
                // Kept: the pending outbound write revives the Google event (or the user decides).
                return;
            }
        }

        await writer.DeleteLocalAsync(settings.UserId, local.Id, ct).ConfigureAwait(false);
        await auditor.RecordAsync(settings.UserId, SyncActions.DeleteFromGoogle, SyncOutcome.Success, started, ct,
            local.Id, remote.Id).ConfigureAwait(false);
    }

    /// <summary>An event without a mapping: created in Google (imported), or ours with a lost mapping row (relinked).</summary>
    private async Task ImportAsync(CalendarSyncSettings settings, GoogleEvent remote, long started, CancellationToken ct)
    {
        if (remote.IsCancelled)
        {
            return;
        }

        var id = FinancialEventMapper.ImportedEventId(settings.UserId, remote);
        var existing = await events.GetAsync(settings.UserId, id, ct, includeDeleted: true).ConfigureAwait(false);
        if (existing is { DeletedAt: not null })
        {
            // Deleted in the wallet; its outbound delete removes the Google copy.
            return;
        }

        if (existing is not null && ConflictPolicy.Decide(settings.ConflictStrategy, existing.UpdatedAt, remote.Updated) != ConflictWinner.Google)
        {
            // Relink: record what Google holds; the wallet's version is pushed by the next outbound write.
            await writer.SaveMappingAsync(settings, existing.Id, null, remote, EventContentHash.Compute(remote), SyncSource.Google,
                remote.Updated ?? time.GetUtcNow(), ct).ConfigureAwait(false);
            return;
        }

        var applied = await writer.ApplyRemoteAsync(settings, existing, null, remote, ct).ConfigureAwait(false);
        await auditor.RecordAsync(settings.UserId, SyncActions.SyncFromGoogle, SyncOutcome.Success, started, ct,
            applied.Id, remote.Id, errorCode: existing is null ? "imported" : "relinked").ConfigureAwait(false);
    }

    /// <summary>Mapped events in the window that the full list did not return were deleted in Google. Each is
    /// confirmed with a get before the wallet deletes anything (a list is not proof of absence for a bill).</summary>
    private async Task<int> ReconcileMissingAsync(CalendarSyncSettings settings, DateTimeOffset windowStart, HashSet<string> seen, CancellationToken ct)
    {
        var removed = 0;
        foreach (var mapping in await mappings.ListAsync(settings.UserId, ct).ConfigureAwait(false))
        {
            if (seen.Contains(mapping.GoogleEventId) || mapping.GoogleCalendarId != settings.CalendarId)
            {
                continue;
            }

            var local = await events.GetAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
            if (local is null || local.EndAt <= windowStart)
            {
                continue;
            }

            GoogleEvent remote;
            try
            {
                remote = await google.GetEventAsync(ConnectedAccounts.AccountOf(settings), settings.CalendarId, mapping.GoogleEventId, ct).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                remote = new GoogleEvent { Id = mapping.GoogleEventId, Status = GoogleEvent.StatusCancelled };
            }

            if (remote.IsCancelled)
            {
                await ApplyAsync(settings, remote, ct).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Wallet events with no Google counterpart (e.g. created before the account was connected).</summary>
    private async Task<int> PushUnmappedAsync(CalendarSyncSettings settings, DateTimeOffset windowStart, CancellationToken ct)
    {
        var mapped = (await mappings.ListAsync(settings.UserId, ct).ConfigureAwait(false)).Select(m => m.FinancialEventId).ToHashSet();
        var pushed = 0;
        var offset = 0;
        while (true)
        {
            var page = await events.ListAsync(settings.UserId, new EventQuery(Limit: 500, Offset: offset), ct).ConfigureAwait(false);
            foreach (var e in page)
            {
                if (!mapped.Contains(e.Id) && e.EndAt > windowStart && mapper.ToGoogleEvent(e) is not null)
                {
                    await outbound.SyncAsync(settings.UserId, e.Id, ct).ConfigureAwait(false);
                    pushed++;
                }
            }

            if (page.Count < 500)
            {
                return pushed;
            }

            offset += page.Count;
        }
    }
}
