using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync;

/// <summary>sync_to_google: pushes one financial event. Guarantees: at most one Google event per financial event
/// (deterministic id, so a retried insert gets 409 and adopts the first attempt's event); no API call when the
/// content hash is unchanged; inserts go to the calendar the event's type is routed to (<see cref="CalendarRouting"/>),
/// a live event mapped on another calendar is first moved there (events.move, one call), while updates, gets and deletes
/// of a mapped event address the calendar its mapping records; updates and deletes carry If-Match so a concurrent Google edit is never overwritten
/// blindly but resolved by the user's conflict strategy. A series' changed occurrences follow its master, one call
/// each (<see cref="OccurrenceSync"/>); an unchanged master costs no call.</summary>
internal sealed class OutboundSync(
    ConnectedAccounts accounts,
    CalendarRoutes routes,
    IFinancialEventStore events,
    IMappingStore mappings,
    DeadLetterRecovery deadLetters,
    RemoteEvents remote,
    FinancialEventMapper mapper,
    SyncStateWriter writer,
    ConflictResolver conflicts,
    OccurrenceSync occurrences,
    CalendarRehoming rehoming,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    /// <summary>Pushes the event. <paramref name="measurePropagation"/> false: a catch-up push of an event changed
    /// before the account was connected (its delay is not the sync's), so its audit row records no propagation time.</summary>
    public async Task SyncAsync(Guid userId, Guid financialEventId, CancellationToken ct, bool measurePropagation = true)
    {
        var started = auditor.StartTimestamp();
        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.SyncToGoogle, AuditOutcome.Skipped) with
            {
                FinancialEventId = financialEventId,
                ErrorCode = "not_connected",
            }, started, ct).ConfigureAwait(false);
            return;
        }

        var local = await events.GetAsync(userId, financialEventId, ct, includeDeleted: true).ConfigureAwait(false);
        if (local is not null)
        {
            settings = settings with { CalendarId = (await routes.GetAsync(settings, ct).ConfigureAwait(false)).TargetFor(local.EventType) };
        }

        var attempt = new SyncAttempt(settings, started) { MeasuresPropagation = measurePropagation };
        var mapping = await mappings.GetByEventAsync(userId, financialEventId, ct).ConfigureAwait(false);
        if (local is { DeletedAt: null } && mapping is not null && CalendarRehoming.IsStale(settings, mapping))
        {
            // Its type (or the routing) now names another calendar, or an edit raced a calendar switch: move the event
            // there instead of updating the copy on the old calendar.
            mapping = await rehoming.MoveAsync(settings, mapping, ct).ConfigureAwait(false);
        }

        var desired = local is null ? null : mapper.ToGoogleEvent(local, mapping?.GoogleEventId);
        if (desired is null)
        {
            await DeleteRemoteAsync(attempt, local, financialEventId, mapping, ct).ConfigureAwait(false);
            return;
        }

        var skip = SkipReason(local!, mapping, EventContentHash.Compute(desired));
        if (skip is not null)
        {
            telemetry.RecordSkip(skip);
            await auditor.RecordAsync(attempt.Audit(AuditAction.SyncToGoogle, AuditOutcome.Skipped) with
            {
                FinancialEventId = financialEventId,
                GoogleEventId = mapping?.GoogleEventId,
                ErrorCode = skip,
            }, started, ct).ConfigureAwait(false);
            if (skip == "unchanged")
            {
                await deadLetters.ResolveReachedGoogleAsync(userId, financialEventId, ct).ConfigureAwait(false);
            }

            await occurrences.PushAsync(attempt, local!, mapping!, masterInserted: false, ct).ConfigureAwait(false);
            return;
        }

        var revived = await PushAsync(attempt, local!, mapping, desired, ct).ConfigureAwait(false);
        await PushOccurrencesAsync(attempt, local!, masterInserted: mapping is null, revived, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the wallet's version of <paramref name="local"/> over <paramref name="current"/> (what Google
    /// holds now, just read by the inbound sync) once the conflict rule let the wallet's version win although its content
    /// is the version last synced (its writes since brought it back there, so its own push skips as unchanged): one
    /// update conditioned on the version read, or over a deletion an insert under the same id; then its occurrences.</summary>
    public async Task PushOverAsync(SyncAttempt attempt, FinancialEvent local, CalendarSyncMapping mapping, GoogleEvent current,
        CancellationToken ct)
    {
        if (mapper.ToGoogleEvent(local, mapping.GoogleEventId) is not { } desired)
        {
            return;
        }

        var written = await remote.OverwriteAsync(attempt.Account, mapping.GoogleRef, desired, current, ct).ConfigureAwait(false);
        await RecordPushAsync(attempt, local, mapping, desired, written, ct).ConfigureAwait(false);
        await PushOccurrencesAsync(attempt, local, masterInserted: false, revived: current.IsCancelled, ct).ConfigureAwait(false);
    }

    /// <summary>A series' occurrences follow its pushed master: all of them back after a revival over Google's deletion,
    /// else the changed ones.</summary>
    private async Task PushOccurrencesAsync(SyncAttempt attempt, FinancialEvent local, bool masterInserted, bool revived, CancellationToken ct)
    {
        if (await mappings.GetByEventAsync(attempt.UserId, local.Id, ct).ConfigureAwait(false) is not { } pushed)
        {
            return;
        }

        if (revived)
        {
            await occurrences.RestoreAfterRevivalAsync(attempt, local, pushed, ct).ConfigureAwait(false);
        }
        else
        {
            await occurrences.PushAsync(attempt, local, pushed, masterInserted, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="desired"/> to Google and records the mapping. True when it was written back over
    /// Google's deletion of the event (the wallet's edit won).</summary>
    private async Task<bool> PushAsync(SyncAttempt attempt, FinancialEvent local, CalendarSyncMapping? mapping, GoogleEvent desired,
        CancellationToken ct)
    {
        var (written, overDeletion) = mapping is null
            ? (await remote.InsertAsync(attempt.Account, attempt.CalendarId, desired, ct,
                beforeAdopting: c => EnsureStillUnlinkedAsync(attempt.UserId, local.Id, c)).ConfigureAwait(false), false)
            : await UpdateAsync(attempt, local, mapping, desired, ct).ConfigureAwait(false);
        if (written is null)
        {
            return false;
        }

        await RecordPushAsync(attempt, local, mapping, desired, written, ct).ConfigureAwait(false);
        return overDeletion;
    }

    /// <summary>This push read no mapping, yet its insert found the event in Google: when a concurrent writer (a full
    /// sync pushing the wallet's unlinked events, the event's own queued push) has linked it since, the push retries
    /// against that writer's mapping, where an update carries If-Match and a Google edit made meanwhile meets the
    /// conflict rule instead of being overwritten.</summary>
    private async Task EnsureStillUnlinkedAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        if (await mappings.GetByEventAsync(userId, financialEventId, ct).ConfigureAwait(false) is not null)
        {
            throw new MappingConflictException(financialEventId);
        }
    }

    /// <summary>Records that Google holds <paramref name="written"/>, the wallet's version of <paramref name="local"/>:
    /// mapping, audit, and the event's dead letters (older failed pushes) closed, having nothing left to do.</summary>
    private async Task RecordPushAsync(SyncAttempt attempt, FinancialEvent local, CalendarSyncMapping? mapping, GoogleEvent desired,
        GoogleEvent written, CancellationToken ct)
    {
        await writer.SavePushedAsync(attempt.Settings, local, mapping, written, EventContentHash.Compute(desired), ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(AuditAction.SyncToGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = local.Id,
            GoogleEventId = written.Id,
            EventTitle = local.Title,
            PropagationMs = attempt.MeasuresPropagation ? auditor.PropagationSince(local.UpdatedAt) : null,
        }, attempt.StartedAt, ct).ConfigureAwait(false);
        await deadLetters.ResolveReachedGoogleAsync(attempt.UserId, local.Id, ct).ConfigureAwait(false);
    }

    /// <summary>The two loop guards: the seed's sync_source window, and the content hash (an echo or a no-op edit
    /// hashes equal to what Google already holds).</summary>
    private string? SkipReason(FinancialEvent local, CalendarSyncMapping? mapping, string hash)
    {
        if (mapping is null)
        {
            return null;
        }

        if (mapping.GoogleSideHash == hash)
        {
            // Google already holds exactly what the wallet would write.
            return "unchanged";
        }

        var recentlyFromGoogle = local.SyncSource == SyncSource.Google && mapping.SyncSource == SyncSource.Google
            && mapping.LastSyncedAt is { } synced && time.GetUtcNow() - synced < options.Value.LoopGuardWindow;
        return recentlyFromGoogle ? "recently_synced_from_google" : null;
    }

    /// <summary>Update with If-Match; Written is null when the conflict rule decided not to write Google, OverDeletion
    /// true when Google had deleted the event and the wallet's version was written back.</summary>
    private async Task<(GoogleEvent? Written, bool OverDeletion)> UpdateAsync(SyncAttempt attempt, FinancialEvent local,
        CalendarSyncMapping mapping, GoogleEvent desired, CancellationToken ct)
    {
        try
        {
            return (await remote.UpdateAsync(attempt.Account, mapping.GoogleRef, desired, ct).ConfigureAwait(false), false);
        }
        catch (Exception ex) when (ex is PreconditionFailedException or NotFoundException or ResourceDeletedException)
        {
            // Changed (412) or gone (404/410) in Google since our last sync: look at what Google holds now.
            var current = await remote.GetAsync(attempt.Account, mapping.GoogleRef, ct).ConfigureAwait(false);
            var written = await ResolveAsync(attempt, local, mapping, desired, current, ct).ConfigureAwait(false);
            return (written, written is not null && current.IsCancelled);
        }
    }

    /// <summary>Google changed or deleted the event since our last sync while the wallet has an edit to push. A
    /// change to fields we do not sync is no conflict; otherwise the conflict rule decides. Wallet wins: write it
    /// (recreating a deleted event under the same id). Google wins: its version, or deletion, reaches the wallet.</summary>
    private async Task<GoogleEvent?> ResolveAsync(SyncAttempt attempt, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent desired, GoogleEvent current, CancellationToken ct)
    {
        if (!current.IsCancelled)
        {
            var remoteHash = EventContentHash.Compute(current);
            if (remoteHash == EventContentHash.Compute(desired))
            {
                return current;
            }

            if (remoteHash == mapping.GoogleSideHash)
            {
                // Only fields we do not sync changed in Google (e.g. reminders): not a conflict.
                return await remote.UpdateAsync(attempt.Account, mapping.GoogleRef.At(current.Etag), desired, ct).ConfigureAwait(false);
            }
        }

        var cause = current.IsCancelled ? ConflictCause.RemoteDeleted : ConflictCause.IfMatch412;
        var resolution = await conflicts.ResolveAsync(attempt, new ConflictCase(local, mapping, current, cause), ct).ConfigureAwait(false);
        return resolution == ConflictResolution.KeepLocal
            ? await remote.OverwriteAsync(attempt.Account, mapping.GoogleRef, desired, current, ct).ConfigureAwait(false)
            : null;
    }

    private async Task DeleteRemoteAsync(SyncAttempt attempt, FinancialEvent? local, Guid financialEventId,
        CalendarSyncMapping? mapping, CancellationToken ct)
    {
        if (mapping is null)
        {
            await auditor.RecordAsync(attempt.Audit(AuditAction.DeleteInGoogle, AuditOutcome.Skipped) with
            {
                FinancialEventId = financialEventId,
                ErrorCode = "never_synced",
            }, attempt.StartedAt, ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await remote.DeleteAsync(attempt.Account, mapping.GoogleRef, ct).ConfigureAwait(false);
        }
        catch (PreconditionFailedException) when (local is not null)
        {
            var current = await remote.GetAsync(attempt.Account, mapping.GoogleRef, ct).ConfigureAwait(false);
            if (!current.IsCancelled && !await DeletionWinsAsync(attempt, local, mapping, current, ct).ConfigureAwait(false))
            {
                return;
            }
        }

        await mappings.DeleteAsync(attempt.UserId, financialEventId, ct).ConfigureAwait(false);
        telemetry.RecordPropagationLag(SyncDirection.ToGoogle, time.GetUtcNow() - (local?.DeletedAt ?? local?.UpdatedAt ?? time.GetUtcNow()));
        await auditor.RecordAsync(attempt.Audit(AuditAction.DeleteInGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = financialEventId,
            GoogleEventId = mapping.GoogleEventId,
            EventTitle = local?.Title,
            PropagationMs = auditor.PropagationSince(local?.DeletedAt ?? local?.UpdatedAt),
        }, attempt.StartedAt, ct).ConfigureAwait(false);
    }

    /// <summary>The wallet deleted an event Google edited since the last sync. True when the deletion was applied.</summary>
    private async Task<bool> DeletionWinsAsync(SyncAttempt attempt, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent current, CancellationToken ct)
    {
        var conflict = new ConflictCase(local, mapping, current, ConflictCause.DeleteIfMatch412);
        if (await conflicts.ResolveAsync(attempt, conflict, ct).ConfigureAwait(false) != ConflictResolution.KeepLocal)
        {
            return false;
        }

        await remote.DeleteAsync(attempt.Account, mapping.GoogleRef.At(current.Etag), ct).ConfigureAwait(false);
        return true;
    }
}
