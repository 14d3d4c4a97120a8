using System.Text.Json.Nodes;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Microsoft.Extensions.Options;

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
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    /// <summary>Audit code (<see cref="AuditAction.SyncFromGoogle"/>, skipped) of a change made on both sides to the
    /// same version: no conflict, nothing to choose between.</summary>
    public const string ConvergedCode = "converged";

    /// <summary>KeepLocal: the wallet's version won and the caller writes it. KeepGoogle: Google's version won and is
    /// now in the wallet (a Google deletion also wins a tie). Null: nothing to do (both sides changed at the same
    /// instant, the conflict is kept for the user, or both sides already hold the same version).</summary>
    /// <remarks>Both sides changed to the same version (Google's, as the sync would apply it, renders as the wallet's)
    /// is no conflict under any strategy: nothing is recorded for the user, the change is audited as
    /// <see cref="ConvergedCode"/> and the mapping records that version as agreed, with Google's etag and rendering
    /// (no write anywhere). When Google shows that version but stores it stale (an amount edited only in the
    /// summary), KeepLocal: the caller writes the wallet's rendering, which Google already shows.</remarks>
    public async Task<ConflictResolution?> ResolveAsync(SyncAttempt attempt, ConflictCase conflict, CancellationToken ct)
    {
        // A deletion Google did not date (a 404/410 tombstone) is dated when we learn of it.
        if (conflict.Remote is { IsCancelled: true, Updated: null })
        {
            conflict = conflict with { Remote = conflict.Remote with { Updated = time.GetUtcNow() } };
        }

        if (Agreement(attempt.Settings, conflict) is { } googleCurrent)
        {
            return await SettleAgreedAsync(attempt, conflict, googleCurrent, ct).ConfigureAwait(false);
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

    /// <summary>Null when the two sides of <paramref name="conflict"/> differ (or one deleted the event); otherwise
    /// whether Google's copy already stores everything the wallet holds (false: it shows it, e.g. in its summary,
    /// but its stored values are stale and must be rewritten).</summary>
    private bool? Agreement(CalendarSyncSettings settings, ConflictCase conflict)
    {
        var (local, remote) = (conflict.Local, conflict.Remote);
        if (local.DeletedAt is not null || remote.IsCancelled || remote.Start is null || mapper.ContentHash(local) is not { } wallet)
        {
            return null;
        }

        var google = writer.PlanRemote(settings, local, conflict.Mapping, remote).Applied;
        return mapper.ContentHash(google) == wallet ? google.SyncSource == SyncSource.Google : null;
    }

    /// <summary>Both sides hold the wallet's version: audited as converged; the mapping records it as agreed when
    /// Google stores it (null: nothing left to write), else the caller writes it (KeepLocal).</summary>
    private async Task<ConflictResolution?> SettleAgreedAsync(SyncAttempt attempt, ConflictCase conflict, bool googleCurrent,
        CancellationToken ct)
    {
        var (local, remote) = (conflict.Local, conflict.Remote);
        if (googleCurrent)
        {
            await writer.SaveMappingAsync(attempt.Settings, local.Id, conflict.Mapping, remote, mapper.ContentHash(local),
                EventContentHash.Compute(remote), SyncSource.Aegis, local.UpdatedAt, SyncedValues.Of(local), ct).ConfigureAwait(false);
        }

        await auditor.RecordAsync(attempt.Audit(AuditAction.SyncFromGoogle, AuditOutcome.Skipped) with
        {
            FinancialEventId = local.Id,
            GoogleEventId = remote.Id,
            EventTitle = local.Title,
            ErrorCode = ConvergedCode,
        }, attempt.StartedAt, ct).ConfigureAwait(false);
        return googleCurrent ? null : ConflictResolution.KeepLocal;
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
        var open = await LoadOpenAsync(userId, conflictId, ct).ConfigureAwait(false);
        var (attempt, local, mapping, target, remote) = (open.Attempt, open.Local, open.Mapping, open.Target, open.Remote);
        var settings = attempt.Settings;

        if (open.OfOccurrence)
        {
            // A conflict on one occurrence of a series: only that occurrence changes, never the series.
            await occurrences.ResolveManualAsync(attempt, local!, mapping!, remote, keep, ct).ConfigureAwait(false);
        }
        else if (keep == ConflictResolution.KeepGoogle || local is null)
        {
            await ApplyGoogleAsync(settings, local, mapping, remote, ct).ConfigureAwait(false);
        }
        else if (mapper.ToGoogleEvent(local, open.Conflict.GoogleEventId) is { } desired)
        {
            var written = await remoteEvents.OverwriteAsync(attempt.Account, target, desired, remote, ct).ConfigureAwait(false);
            await writer.SavePushedAsync(settings, local, mapping, written, EventContentHash.Compute(desired), ct).ConfigureAwait(false);
            await AuditPushAsync(attempt, local.Id, written, ct).ConfigureAwait(false);
        }
        else if (!remote.IsCancelled)
        {
            await remoteEvents.DeleteAsync(attempt.Account, target.At(remote.Etag), ct).ConfigureAwait(false);
            await mappings.DeleteAsync(userId, local.Id, ct).ConfigureAwait(false);
        }

        await CloseAsync(open, keep == ConflictResolution.KeepLocal ? ConflictStatus.ResolvedLocal : ConflictStatus.ResolvedGoogle, null, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Resolves an open conflict with the user's per-field pick (<see cref="ConflictMerge"/>) against what
    /// both sides hold now: the merged version is written to Google first (conditioned on the version just read), then
    /// to the wallet (only while the wallet still holds the version read; marked as Google's so no second push is
    /// queued), and the mapping records it as agreed by both. A pick that takes every field from one side is that
    /// side's <see cref="ResolveManualAsync"/>. Throws <see cref="ConflictMergeException"/> (nothing written) when a
    /// merge cannot apply: one side deleted the event, the conflict is on one occurrence of a series, or the merged
    /// version would be cancelled; <see cref="KeyNotFoundException"/> when the conflict is not open.</summary>
    public async Task ResolveMergedAsync(Guid userId, long conflictId, ConflictMerge merge, CancellationToken ct)
    {
        if (merge.IsWhole(out var side))
        {
            await ResolveManualAsync(userId, conflictId, side == ConflictSide.Wallet ? ConflictResolution.KeepLocal : ConflictResolution.KeepGoogle, ct)
                .ConfigureAwait(false);
            return;
        }

        var open = await LoadOpenAsync(userId, conflictId, ct).ConfigureAwait(false);
        if (open.OfOccurrence)
        {
            throw new ConflictMergeException("This change is on one date of a repeating event; keep the wallet's or Google's version of that date.");
        }

        if (open.Local is not { DeletedAt: null } local || open.Remote.IsCancelled || open.Remote.Start is null)
        {
            throw new ConflictMergeException("One side deleted the event, so there are no fields to combine; keep the wallet's or Google's version.");
        }

        var settings = open.Attempt.Settings;
        // Google's version as the sync would apply it: what it does not carry comes from the version last synced.
        var google = mapper.ApplyGoogleChanges(SyncStateWriter.LastSynced(local, open.Mapping)!, open.Remote,
            new GoogleImportDefaults(userId, options.Value.DefaultCurrency, options.Value.DefaultTimeZone));
        var amountFrom = merge.Amount == ConflictSide.Google ? google : local;
        var merged = (merge.Other == ConflictSide.Google ? google : local) with
        {
            Id = local.Id,
            UserId = local.UserId,
            Title = (merge.Title == ConflictSide.Google ? google : local).Title,
            Amount = amountFrom.Amount,
            Currency = amountFrom.Currency,
            CreatedAt = local.CreatedAt,
            UpdatedAt = time.GetUtcNow(),
            DeletedAt = null,
            SyncSource = SyncSource.Google,
        };
        var desired = mapper.ToGoogleEvent(merged, open.Conflict.GoogleEventId)
            ?? throw new ConflictMergeException("The combined version is cancelled, which removes it from Google; keep one side instead.");

        var written = await remoteEvents.OverwriteAsync(open.Attempt.Account, open.Target, desired, open.Remote, ct).ConfigureAwait(false);
        if (!await events.UpdateIfUnchangedAsync(merged, local.UpdatedAt, ct).ConfigureAwait(false))
        {
            // Edited in the wallet since it was read: that edit is pushed by its own queue item; the conflict stays open.
            throw new MappingConflictException(local.Id);
        }

        await writer.SavePushedAsync(settings, merged, open.Mapping, written, EventContentHash.Compute(desired), ct).ConfigureAwait(false);
        await AuditPushAsync(open.Attempt, local.Id, written, ct).ConfigureAwait(false);
        var picks = new JsonObject
        {
            ["title"] = EnumText.ToText(merge.Title),
            ["amount"] = EnumText.ToText(merge.Amount),
            ["other"] = EnumText.ToText(merge.Other),
        };
        await CloseAsync(open, ConflictStatus.ResolvedMerged, new JsonObject { ["merge"] = picks }.ToJsonString(), ct).ConfigureAwait(false);
    }

    private async Task<OpenConflict> LoadOpenAsync(Guid userId, long conflictId, CancellationToken ct)
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
        return new OpenConflict(conflict, attempt, local, mapping, ofOccurrence, target, remote);
    }

    private Task AuditPushAsync(SyncAttempt attempt, Guid financialEventId, GoogleEvent written, CancellationToken ct) =>
        auditor.RecordAsync(attempt.Audit(AuditAction.SyncToGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = financialEventId,
            GoogleEventId = written.Id,
        }, attempt.StartedAt, ct);

    /// <summary>Marks the conflict resolved and audits how (the status as the error code, the merge picks as details).</summary>
    private async Task CloseAsync(OpenConflict open, ConflictStatus status, string? details, CancellationToken ct)
    {
        var conflict = open.Conflict;
        await conflicts.MarkResolvedAsync(conflict.UserId, conflict.Id, status, time.GetUtcNow(), ct).ConfigureAwait(false);
        await auditor.RecordAsync(open.Attempt.Audit(AuditAction.ConflictResolved, AuditOutcome.Success) with
        {
            FinancialEventId = conflict.FinancialEventId,
            GoogleEventId = conflict.GoogleEventId,
            ErrorCode = EnumText.ToText(status),
            ConflictDetails = details,
        }, open.Attempt.StartedAt, ct).ConfigureAwait(false);
    }

    private sealed record OpenConflict(SyncConflict Conflict, SyncAttempt Attempt, FinancialEvent? Local, CalendarSyncMapping? Mapping,
        bool OfOccurrence, GoogleEventRef Target, GoogleEvent Remote);
}
