using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Moves one synced event to the calendar it now belongs on (a type or routing change, a calendar switch) with
/// events.move: one call, the same Google event id, and whatever a person added to the Google event (reminders,
/// attendees, notes, colour) moves with it; a recurring series moves whole with its changed and cancelled occurrences.
/// Guarantees: the wallet event is never touched by a move; when Google cannot move the event the old copy is taken off
/// its calendar as a deletion would (If-Match, so an edit made there since the last sync reaches the wallet when the
/// conflict strategy lets Google win) and the caller inserts a new copy, so the event ends up once on the target; each
/// outcome is audited.</summary>
public sealed class CalendarRehoming(
    IGoogleCalendarClient google,
    RemoteEvents remote,
    IMappingStore mappings,
    IFinancialEventStore events,
    SyncStateWriter writer,
    SyncAuditor auditor,
    TimeProvider time)
{
    /// <summary>Moves the event's Google copy from the calendar its mapping records to <paramref name="target"/>'s
    /// calendar with one events.move and points the mapping there; returns the stored mapping. A copy edited in Google
    /// since the last sync keeps its old etag on the mapping, so a following update meets 412 and the conflict strategy
    /// decides (a person's edit is never overwritten blindly), and a sync of the target sees the edit. Null when the
    /// caller must insert on the target instead (the mapping is dropped first): the link was made under an earlier
    /// connection (no call to that account's calendar); the source no longer holds the event (404/410: audited
    /// <see cref="MoveGoneCode"/>); or Google refuses the move (400 e.g. cannotChangeOrganizerOfInstance or a non-default
    /// event type, 403 no write access, 409 the id live on the target: audited <see cref="MoveRefusedCode"/>), in which
    /// case the old copy is deleted first unless its calendar refuses that too (it is then left there, as the audit
    /// says). Rate limits, 5xx and timeouts propagate for the caller's retry, nothing changed.</summary>
    public async Task<CalendarSyncMapping?> MoveAsync(CalendarSyncSettings target, CalendarSyncMapping mapping, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        if (mapping.IsFromEarlierConnection(target))
        {
            await mappings.DeleteAsync(target.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
            return null;
        }

        GoogleEvent moved;
        try
        {
            moved = await google.MoveEventAsync(ConnectedAccounts.AccountOf(target), mapping.GoogleCalendarId, mapping.GoogleEventId,
                target.CalendarId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
        {
            // Nothing left on the source to move (deleted there, or a lost response of a move that happened): the target
            // gets its copy by an insert (the deterministic id adopts one already there).
            await mappings.DeleteAsync(target.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
            await AuditAsync(target, mapping, AuditOutcome.Skipped, MoveGoneCode,
                $"not on calendar '{mapping.GoogleCalendarId}' any more; created again on '{target.CalendarId}'", started, ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is BadRequestException or ForbiddenException or DuplicateException)
        {
            var left = await TryReleaseAsync(target, mapping, ct).ConfigureAwait(false);
            var reason = (ex as GoogleApiException)?.Reason ?? ex.GetType().Name;
            await AuditAsync(target, mapping, AuditOutcome.Skipped, MoveRefusedCode,
                $"Google refused to move it ({reason}); the copy on '{mapping.GoogleCalendarId}' was " +
                (left ? "left there (no write access)" : "deleted") + $"; created again on '{target.CalendarId}'", started, ct).ConfigureAwait(false);
            return null;
        }

        var unedited = EventContentHash.Compute(moved) == mapping.GoogleSideHash;
        var row = mapping with
        {
            GoogleCalendarId = target.CalendarId,
            GoogleEtag = unedited ? moved.Etag : mapping.GoogleEtag,
            HtmlLink = moved.HtmlLink ?? mapping.HtmlLink,
            LastSyncedAt = time.GetUtcNow(),
        };
        if (!await mappings.UpsertAsync(row, mapping.Version, ct).ConfigureAwait(false))
        {
            throw new MappingConflictException(mapping.FinancialEventId);
        }

        await AuditAsync(target, mapping, AuditOutcome.Success, MovedCode,
            $"moved from calendar '{mapping.GoogleCalendarId}' to '{target.CalendarId}'", started, ct).ConfigureAwait(false);
        return await mappings.GetByEventAsync(target.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false)
            ?? throw new MappingConflictException(mapping.FinancialEventId);
    }

    /// <summary>Audit code of an event moved to another calendar (events.move).</summary>
    public const string MovedCode = "calendar_moved";

    /// <summary>Audit code of an event whose move found nothing on the source calendar (404/410); it is inserted on the target.</summary>
    public const string MoveGoneCode = "calendar_move_gone";

    /// <summary>Audit code of an event Google would not move (400/403/409); the old copy is deleted (when its calendar
    /// allows) and the event inserted on the target.</summary>
    public const string MoveRefusedCode = "calendar_move_refused";

    /// <summary>True when <paramref name="mapping"/> points at a calendar other than the user's current one.</summary>
    public static bool IsStale(CalendarSyncSettings settings, CalendarSyncMapping mapping) =>
        !string.Equals(mapping.GoogleCalendarId, settings.CalendarId, StringComparison.Ordinal);

    /// <summary>Takes the old copy off its calendar (delete with If-Match; on 412 the copy as Google holds it now is
    /// brought into the wallet when the strategy lets Google win, then deleted) and forgets the mapping.</summary>
    private async Task ReleaseAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        try
        {
            await remote.DeleteAsync(account, mapping.GoogleRef, ct).ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            var current = await remote.GetAsync(account, mapping.GoogleRef, ct).ConfigureAwait(false);
            if (!current.IsCancelled)
            {
                await KeepGoogleEditAsync(settings, mapping, current, ct).ConfigureAwait(false);
                await remote.DeleteAsync(account, mapping.GoogleRef.At(current.Etag), ct).ConfigureAwait(false);
            }
        }

        await mappings.DeleteAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
    }

    /// <summary>The fallback of a refused move: <see cref="ReleaseAsync"/>; true when the source calendar refuses the
    /// deletion too (403: no write access there), the copy then stays and only the mapping is dropped.</summary>
    private async Task<bool> TryReleaseAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, CancellationToken ct)
    {
        try
        {
            await ReleaseAsync(settings, mapping, ct).ConfigureAwait(false);
            return false;
        }
        catch (ForbiddenException)
        {
            await mappings.DeleteAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
            return true;
        }
    }

    private Task AuditAsync(CalendarSyncSettings target, CalendarSyncMapping mapping, AuditOutcome outcome, string code, string details,
        long started, CancellationToken ct) =>
        auditor.RecordAsync(AuditEntry.Of(target.UserId, AuditAction.SyncToGoogle, outcome) with
        {
            FinancialEventId = mapping.FinancialEventId,
            GoogleEventId = mapping.GoogleEventId,
            ErrorCode = code,
            Details = details,
        }, started, ct);

    /// <summary>The old copy was edited in Google since the last sync: the edit reaches the wallet when the strategy
    /// decides for Google (the moved event then carries it to the new calendar); otherwise the wallet's version moves.</summary>
    private async Task KeepGoogleEditAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, GoogleEvent current,
        CancellationToken ct)
    {
        var local = await events.GetAsync(settings.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
        if (local is not null && EventContentHash.Compute(current) != mapping.GoogleSideHash
            && ConflictPolicy.Decide(settings.ConflictStrategy, local.UpdatedAt, current.Updated) == ConflictWinner.Google)
        {
            await writer.ApplyRemoteAsync(settings, local, mapping, current, ct).ConfigureAwait(false);
        }
    }
}
