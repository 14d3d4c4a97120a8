using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Sync;

/// <summary>The one place a conflict is decided, recorded and applied. <see cref="ResolveAsync"/> decides by the
/// user's strategy, audits both versions (kept for the user under the manual strategy) and, when Google wins, applies
/// Google's version to the wallet; when the wallet wins the caller writes it, since only the caller knows whether a
/// push is already pending (inbound) or must happen now (outbound). <see cref="ResolveManualAsync"/> applies the
/// user's choice for a kept conflict. Nothing in the wallet is deleted except to follow a deletion made in Google
/// that won by the rule or by the user's choice.</summary>
internal sealed class ConflictResolver(
    ConflictRecorder recorder,
    SyncStateWriter writer,
    RemoteEvents remoteEvents,
    ConnectedAccounts accounts,
    IConflictStore conflicts,
    IFinancialEventStore events,
    IMappingStore mappings,
    FinancialEventMapper mapper,
    OccurrenceSync occurrences,
    SyncAuditor auditor,
    TimeProvider time)
{
    /// <summary>KeepLocal: the wallet's version won and the caller writes it. KeepGoogle: Google's version won and is
    /// now in the wallet (a Google deletion also wins a tie). Null: nothing to do (both sides changed at the same
    /// instant, or the conflict is kept for the user).</summary>
    public async Task<ConflictResolution?> ResolveAsync(SyncAttempt attempt, ConflictCase conflict, CancellationToken ct)
    {
        // A deletion Google did not date (a 404/410 tombstone) is dated when we learn of it.
        if (conflict.Remote is { IsCancelled: true, Updated: null })
        {
            conflict = conflict with { Remote = conflict.Remote with { Updated = time.GetUtcNow() } };
        }

        var winner = ConflictPolicy.Decide(attempt.Strategy, conflict.LocalModifiedAt, conflict.Remote.Updated);
        await recorder.RecordAsync(attempt, conflict, winner, ct).ConfigureAwait(false);
        switch (winner)
        {
            case ConflictWinner.Local:
                return ConflictResolution.KeepLocal;
            case ConflictWinner.Google:
            case ConflictWinner.Neither when conflict.Remote.IsCancelled:
                await ApplyGoogleAsync(attempt.Settings, conflict.Local, conflict.Mapping, conflict.Remote, ct).ConfigureAwait(false);
                return ConflictResolution.KeepGoogle;
            default:
                return null;
        }
    }

    /// <summary>Google's version into the wallet: a cancelled event soft-deletes the wallet's (if any), anything else
    /// creates or updates it.</summary>
    public async Task ApplyGoogleAsync(CalendarSyncSettings settings, FinancialEvent? local, CalendarSyncMapping? mapping,
        GoogleEvent remote, CancellationToken ct)
    {
        if (!remote.IsCancelled)
        {
            await writer.ApplyRemoteAsync(settings, local, mapping, remote, ct).ConfigureAwait(false);
        }
        else if (local is not null)
        {
            await writer.DeleteLocalAsync(local, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Applies the user's choice for an open conflict against what Google holds now: Google's version
    /// (or deletion) into the wallet, or the wallet's version (or deletion) forced over Google's, knowingly. Throws
    /// <see cref="KeyNotFoundException"/> when the conflict is not open, and leaves it open when the write fails.</summary>
    public async Task ResolveManualAsync(Guid userId, long conflictId, ConflictResolution keep, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var conflict = await conflicts.GetAsync(userId, conflictId, ct).ConfigureAwait(false);
        if (conflict is not { Status: ConflictStatus.Open })
        {
            throw new KeyNotFoundException($"No open conflict {conflictId}.");
        }

        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Google Calendar is not connected.");
        var attempt = new SyncAttempt(settings, started);
        var local = await events.GetAsync(userId, conflict.FinancialEventId, ct, includeDeleted: true).ConfigureAwait(false);
        var mapping = await mappings.GetByEventAsync(userId, conflict.FinancialEventId, ct).ConfigureAwait(false);
        var ofOccurrence = local is { DeletedAt: null } && mapping is not null && OccurrenceSync.IsInstanceOf(mapping, conflict.GoogleEventId);
        var target = ofOccurrence
            ? new GoogleEventRef(mapping!.GoogleCalendarId, conflict.GoogleEventId, null)
            : mapping?.GoogleRef ?? new GoogleEventRef(settings.CalendarId, conflict.GoogleEventId, null);
        var remote = await remoteEvents.GetAsync(attempt.Account, target, ct).ConfigureAwait(false);

        if (ofOccurrence)
        {
            // A conflict on one occurrence of a series: only that occurrence changes, never the series.
            await occurrences.ResolveManualAsync(attempt, local!, mapping!, remote, keep, ct).ConfigureAwait(false);
        }
        else if (keep == ConflictResolution.KeepGoogle || local is null)
        {
            await ApplyGoogleAsync(settings, local, mapping, remote, ct).ConfigureAwait(false);
        }
        else if (mapper.ToGoogleEvent(local, conflict.GoogleEventId) is { } desired)
        {
            var written = await remoteEvents.OverwriteAsync(attempt.Account, target, desired, remote, ct).ConfigureAwait(false);
            await writer.SavePushedAsync(settings, local, mapping, written, EventContentHash.Compute(desired), ct).ConfigureAwait(false);
            await auditor.RecordAsync(attempt.Audit(AuditAction.SyncToGoogle, AuditOutcome.Success) with
            {
                FinancialEventId = local.Id,
                GoogleEventId = written.Id,
            }, started, ct).ConfigureAwait(false);
        }
        else if (!remote.IsCancelled)
        {
            await remoteEvents.DeleteAsync(attempt.Account, target.At(remote.Etag), ct).ConfigureAwait(false);
            await mappings.DeleteAsync(userId, local.Id, ct).ConfigureAwait(false);
        }

        var status = keep == ConflictResolution.KeepLocal ? ConflictStatus.ResolvedLocal : ConflictStatus.ResolvedGoogle;
        await conflicts.MarkResolvedAsync(userId, conflictId, status, time.GetUtcNow(), ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(AuditAction.ConflictResolved, AuditOutcome.Success) with
        {
            FinancialEventId = conflict.FinancialEventId,
            GoogleEventId = conflict.GoogleEventId,
            ErrorCode = EnumText.ToText(status),
        }, started, ct).ConfigureAwait(false);
    }
}
