using Aegis.CalendarSync.Google;
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
/// content hash is unchanged; inserts go to the current calendar, while updates, gets and deletes of a mapped event
/// address the calendar its mapping records; updates and deletes carry If-Match so a concurrent Google edit is never overwritten
/// blindly but resolved by the user's conflict strategy.</summary>
public sealed class OutboundSync(
    ConnectedAccounts accounts,
    IFinancialEventStore events,
    IMappingStore mappings,
    IGoogleCalendarClient google,
    FinancialEventMapper mapper,
    SyncStateWriter writer,
    ConflictRecorder conflicts,
    CalendarRehoming rehoming,
    SyncAuditor auditor,
    SyncTelemetry telemetry,
    IOptions<SyncEngineOptions> options,
    TimeProvider time)
{
    public async Task SyncAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var settings = await accounts.FindAsync(userId, ct).ConfigureAwait(false);
        if (settings is null)
        {
            await auditor.RecordAsync(userId, SyncActions.SyncToGoogle, SyncOutcome.Skipped, started, ct,
                financialEventId, errorCode: "not_connected").ConfigureAwait(false);
            return;
        }

        var local = await events.GetAsync(userId, financialEventId, ct, includeDeleted: true).ConfigureAwait(false);
        var mapping = await mappings.GetByEventAsync(userId, financialEventId, ct).ConfigureAwait(false);
        if (local is { DeletedAt: null } && mapping is not null && CalendarRehoming.IsStale(settings, mapping))
        {
            // An edit racing a calendar switch: move the event now instead of updating the copy on the old calendar.
            await rehoming.ReleaseAsync(settings, mapping, ct).ConfigureAwait(false);
            mapping = null;
        }

        var desired = local is null ? null : mapper.ToGoogleEvent(local, mapping?.GoogleEventId);
        if (desired is null)
        {
            await DeleteRemoteAsync(settings, local, financialEventId, mapping, started, ct).ConfigureAwait(false);
            return;
        }

        var skip = SkipReason(local!, mapping, EventContentHash.Compute(desired));
        if (skip is not null)
        {
            telemetry.RecordSkip(skip);
            await auditor.RecordAsync(userId, SyncActions.SyncToGoogle, SyncOutcome.Skipped, started, ct,
                financialEventId, mapping?.GoogleEventId, errorCode: skip).ConfigureAwait(false);
            return;
        }

        await PushAsync(settings, local!, mapping, desired, started, ct).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="desired"/> to Google and records the mapping; used by the queue and by the
    /// resolution of a manual conflict in favour of the wallet.</summary>
    internal async Task PushAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping? mapping,
        GoogleEvent desired, long started, CancellationToken ct)
    {
        var written = mapping is null
            ? await InsertAsync(settings, settings.CalendarId, desired, ct).ConfigureAwait(false)
            : await UpdateAsync(settings, local, mapping, desired, started, ct).ConfigureAwait(false);
        if (written is null)
        {
            return;
        }

        await writer.SaveMappingAsync(settings, local.Id, mapping, written, EventContentHash.Compute(desired), SyncSource.Aegis,
            local.UpdatedAt, ct).ConfigureAwait(false);
        telemetry.RecordPropagationLag("to_google", time.GetUtcNow() - local.UpdatedAt);
        await auditor.RecordAsync(settings.UserId, SyncActions.SyncToGoogle, SyncOutcome.Success, started, ct,
            local.Id, written.Id).ConfigureAwait(false);
    }

    /// <summary>The two loop guards: the seed's sync_source window, and the content hash (an echo or a no-op edit
    /// hashes equal to what Google already holds).</summary>
    private string? SkipReason(FinancialEvent local, CalendarSyncMapping? mapping, string hash)
    {
        if (mapping is null)
        {
            return null;
        }

        if (mapping.ContentHash == hash)
        {
            return "unchanged";
        }

        var recentlyFromGoogle = local.SyncSource == SyncSource.Google && mapping.SyncSource == SyncSource.Google
            && mapping.LastSyncedAt is { } synced && time.GetUtcNow() - synced < options.Value.LoopGuardWindow;
        return recentlyFromGoogle ? "recently_synced_from_google" : null;
    }

    private async Task<GoogleEvent> InsertAsync(CalendarSyncSettings settings, string calendarId, GoogleEvent desired, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        try
        {
            return await google.InsertEventAsync(account, calendarId, desired, ct).ConfigureAwait(false);
        }
        catch (DuplicateException)
        {
            // The deterministic id exists: an earlier attempt succeeded but its response was lost, or the event was
            // deleted in Google (a tombstone keeps its id). Adopt it, reviving a tombstone by updating it back to confirmed.
            var existing = await google.GetEventAsync(account, calendarId, desired.Id!, ct).ConfigureAwait(false);
            if (!existing.IsCancelled && EventContentHash.Compute(existing) == EventContentHash.Compute(desired))
            {
                return existing;
            }

            return await google.UpdateEventAsync(account, calendarId, desired.Id!, desired, existing.Etag, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Update with If-Match; null when the conflict rule decided not to write Google.</summary>
    private async Task<GoogleEvent?> UpdateAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent desired, long started, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        try
        {
            return await google.UpdateEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, desired, mapping.GoogleEtag, ct)
                .ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            var remote = await google.GetEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, ct).ConfigureAwait(false);
            return await ResolveAsync(settings, local, mapping, desired, remote, started, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
        {
            var tombstone = await TryGetAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, ct).ConfigureAwait(false);
            return await ResolveRemoteDeletionAsync(settings, local, mapping, desired, tombstone, started, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Google changed the event since our last sync (412).</summary>
    private async Task<GoogleEvent?> ResolveAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent desired, GoogleEvent remote, long started, CancellationToken ct)
    {
        if (remote.IsCancelled)
        {
            return await ResolveRemoteDeletionAsync(settings, local, mapping, desired, remote, started, ct).ConfigureAwait(false);
        }

        var remoteHash = EventContentHash.Compute(remote);
        if (remoteHash == EventContentHash.Compute(desired))
        {
            return remote;
        }

        var account = ConnectedAccounts.AccountOf(settings);
        if (remoteHash == mapping.ContentHash)
        {
            // Only fields we do not sync changed in Google (e.g. reminders): not a conflict.
            return await google.UpdateEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, desired, remote.Etag, ct).ConfigureAwait(false);
        }

        var winner = ConflictPolicy.Decide(settings.ConflictStrategy, local.UpdatedAt, remote.Updated);
        await conflicts.RecordAsync(settings, local, remote, winner, "if_match_412", started, ct).ConfigureAwait(false);
        switch (winner)
        {
            case ConflictWinner.Local:
                return await google.UpdateEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, desired, remote.Etag, ct).ConfigureAwait(false);
            case ConflictWinner.Google:
                await writer.ApplyRemoteAsync(settings, local, mapping, remote, ct).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    /// <summary>The Google event is gone (404/410 or cancelled) while the wallet still has an edit to push.
    /// Wallet wins: recreate under the same id (a tombstone is revived by updating it back to confirmed).
    /// Google wins: delete in the wallet.</summary>
    private async Task<GoogleEvent?> ResolveRemoteDeletionAsync(CalendarSyncSettings settings, FinancialEvent local,
        CalendarSyncMapping mapping, GoogleEvent desired, GoogleEvent? tombstone, long started, CancellationToken ct)
    {
        var deletedAt = tombstone?.Updated ?? time.GetUtcNow();
        var winner = ConflictPolicy.Decide(settings.ConflictStrategy, local.UpdatedAt, deletedAt);
        var remote = tombstone ?? new GoogleEvent { Id = mapping.GoogleEventId, Status = GoogleEvent.StatusCancelled, Updated = deletedAt };
        await conflicts.RecordAsync(settings, local, remote, winner, "remote_deleted", started, ct).ConfigureAwait(false);
        var account = ConnectedAccounts.AccountOf(settings);
        switch (winner)
        {
            case ConflictWinner.Local when tombstone is not null:
                return await google.UpdateEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, desired, tombstone.Etag, ct).ConfigureAwait(false);
            case ConflictWinner.Local:
                return await InsertAsync(settings, mapping.GoogleCalendarId, desired with { Id = mapping.GoogleEventId }, ct).ConfigureAwait(false);
            case ConflictWinner.Google or ConflictWinner.Neither:
                await writer.DeleteLocalAsync(settings.UserId, local.Id, ct).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    private async Task DeleteRemoteAsync(CalendarSyncSettings settings, FinancialEvent? local, Guid financialEventId,
        CalendarSyncMapping? mapping, long started, CancellationToken ct)
    {
        if (mapping is null)
        {
            await auditor.RecordAsync(settings.UserId, SyncActions.DeleteInGoogle, SyncOutcome.Skipped, started, ct,
                financialEventId, errorCode: "never_synced").ConfigureAwait(false);
            return;
        }

        var account = ConnectedAccounts.AccountOf(settings);
        try
        {
            await google.DeleteEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, mapping.GoogleEtag, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
        {
            // Already gone in Google: the deletion has converged.
        }
        catch (PreconditionFailedException) when (local is not null)
        {
            var remote = await google.GetEventAsync(account, mapping.GoogleCalendarId, mapping.GoogleEventId, ct).ConfigureAwait(false);
            if (!remote.IsCancelled && !await DeletionWinsAsync(settings, local, mapping, remote, started, ct).ConfigureAwait(false))
            {
                return;
            }
        }

        await mappings.DeleteAsync(settings.UserId, financialEventId, ct).ConfigureAwait(false);
        telemetry.RecordPropagationLag("to_google", time.GetUtcNow() - (local?.DeletedAt ?? local?.UpdatedAt ?? time.GetUtcNow()));
        await auditor.RecordAsync(settings.UserId, SyncActions.DeleteInGoogle, SyncOutcome.Success, started, ct,
            financialEventId, mapping.GoogleEventId).ConfigureAwait(false);
    }

    /// <summary>The wallet deleted an event Google edited since the last sync. True when the deletion was applied.</summary>
    private async Task<bool> DeletionWinsAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping mapping,
        GoogleEvent remote, long started, CancellationToken ct)
    {
        var winner = ConflictPolicy.Decide(settings.ConflictStrategy, local.DeletedAt ?? local.UpdatedAt, remote.Updated);
        await conflicts.RecordAsync(settings, local, remote, winner, "delete_if_match_412", started, ct).ConfigureAwait(false);
        switch (winner)
        {
            case ConflictWinner.Local:
                try
                {
                    await google.DeleteEventAsync(ConnectedAccounts.AccountOf(settings), mapping.GoogleCalendarId, mapping.GoogleEventId, remote.Etag, ct)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
                {
                }

                return true;
            case ConflictWinner.Google:
                await writer.ApplyRemoteAsync(settings, local, mapping, remote, ct).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    private async Task<GoogleEvent?> TryGetAsync(GoogleAccount account, string calendarId, string eventId, CancellationToken ct)
    {
        try
        {
            return await google.GetEventAsync(account, calendarId, eventId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NotFoundException or ResourceDeletedException)
        {
            return null;
        }
    }
}
