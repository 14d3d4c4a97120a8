using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Moves one synced event off a calendar that is no longer the sync target (after a calendar switch): its
/// Google copy there is deleted and its mapping forgotten, so the next outbound write inserts it on the current
/// calendar. Guarantees: the wallet event is never deleted by a move; an edit made in Google to the old copy since
/// the last sync is not silently dropped but brought into the wallet when the conflict strategy lets Google win.
/// <see cref="MoveAsync"/> moves one event instead (events.move: one call, the same Google event id).</summary>
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
    /// calendar with one events.move (same id, so links and reminders a person set in Google stay) and points the mapping
    /// there; returns the stored mapping. A copy edited in Google since the last sync keeps its old etag on the mapping,
    /// so the caller's following update meets 412 and the conflict strategy decides (a person's edit is never overwritten
    /// blindly). Null when the caller should insert on the target instead (the mapping is dropped first): the link was
    /// made under an earlier connection (no call to that account's calendar), or the source no longer holds the event or
    /// cannot be written (404/410/403). The wallet event is never touched.</summary>
    public async Task<CalendarSyncMapping?> MoveAsync(CalendarSyncSettings target, CalendarSyncMapping mapping, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        GoogleEvent moved;
        try
        {
            if (mapping.IsFromEarlierConnection(target))
            {
                await mappings.DeleteAsync(target.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
                return null;
            }

            moved = await google.MoveEventAsync(ConnectedAccounts.AccountOf(target), mapping.GoogleCalendarId, mapping.GoogleEventId,
                target.CalendarId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException or ForbiddenException or DuplicateException)
        {
            // Gone from the source (or a lost response of a move that happened: the target holds it and the insert adopts
            // it), or the source is read-only now: the target gets its copy by an insert.
            await mappings.DeleteAsync(target.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false);
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

        await auditor.RecordAsync(AuditEntry.Of(target.UserId, AuditAction.SyncToGoogle, AuditOutcome.Success) with
        {
            FinancialEventId = mapping.FinancialEventId,
            GoogleEventId = mapping.GoogleEventId,
            ErrorCode = MovedCode,
            Details = $"moved from calendar '{mapping.GoogleCalendarId}' to '{target.CalendarId}'",
        }, started, ct).ConfigureAwait(false);
        return await mappings.GetByEventAsync(target.UserId, mapping.FinancialEventId, ct).ConfigureAwait(false)
            ?? throw new MappingConflictException(mapping.FinancialEventId);
    }

    /// <summary>Audit code of an event moved to another calendar (events.move).</summary>
    public const string MovedCode = "calendar_moved";

    /// <summary>True when <paramref name="mapping"/> points at a calendar other than the user's current one.</summary>
    public static bool IsStale(CalendarSyncSettings settings, CalendarSyncMapping mapping) =>
        !string.Equals(mapping.GoogleCalendarId, settings.CalendarId, StringComparison.Ordinal);

    public async Task ReleaseAsync(CalendarSyncSettings settings, CalendarSyncMapping mapping, CancellationToken ct)
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
