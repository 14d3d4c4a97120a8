using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Carries out the user's decision on deletions the <see cref="MassDeleteGuard"/> held. Confirm: each event
/// moves to the Trash (restorable there), as the deletion would have. Restore: each event is written back to Google
/// under its Google id (a tombstone revived, a vanished event re-inserted) and stays live in the wallet. Each event is
/// decided and audited on its own, so a failure part-way leaves the rest held, never half-applied.</summary>
public sealed class HeldDeletionDecisions(
    IHeldDeletionStore held,
    IFinancialEventStore events,
    IMappingStore mappings,
    RemoteEvents remote,
    FinancialEventMapper mapper,
    SyncStateWriter writer,
    SyncAuditor auditor)
{
    /// <summary>Moves every held event to the Trash; returns how many were deleted.</summary>
    public async Task<int> ConfirmAsync(Guid userId, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var h in await held.ListAsync(userId, ct).ConfigureAwait(false))
        {
            var started = auditor.StartTimestamp();
            if (await events.GetAsync(userId, h.FinancialEventId, ct).ConfigureAwait(false) is { } local)
            {
                await writer.DeleteLocalAsync(local, ct).ConfigureAwait(false);
                deleted++;
            }

            await held.ReleaseAsync(userId, h.FinancialEventId, ct).ConfigureAwait(false);
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.DeleteFromGoogle, AuditOutcome.Success) with
            {
                FinancialEventId = h.FinancialEventId,
                GoogleEventId = h.GoogleEventId,
                ErrorCode = "held_deletion_confirmed",
            }, started, ct).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>Writes every held event back to Google for a user who can sync; returns how many were written.</summary>
    public async Task<int> RestoreAsync(CalendarSyncSettings settings, CancellationToken ct)
    {
        var restored = 0;
        foreach (var h in await held.ListAsync(settings.UserId, ct).ConfigureAwait(false))
        {
            var started = auditor.StartTimestamp();
            var local = await events.GetAsync(settings.UserId, h.FinancialEventId, ct).ConfigureAwait(false);
            var mapping = await mappings.GetByEventAsync(settings.UserId, h.FinancialEventId, ct).ConfigureAwait(false);
            if (local is not null && mapping is not null && mapper.ToGoogleEvent(local, mapping.GoogleEventId) is { } desired)
            {
                await PushBackAsync(settings, local, mapping, desired, ct).ConfigureAwait(false);
                restored++;
            }

            await held.ReleaseAsync(settings.UserId, h.FinancialEventId, ct).ConfigureAwait(false);
            await auditor.RecordAsync(AuditEntry.Of(settings.UserId, AuditAction.SyncToGoogle, AuditOutcome.Success) with
            {
                FinancialEventId = h.FinancialEventId,
                GoogleEventId = h.GoogleEventId,
                ErrorCode = "held_deletion_restored",
            }, started, ct).ConfigureAwait(false);
        }

        return restored;
    }

    /// <summary>One event back into Google. The echo of this very write may be applied by a concurrent inbound sync
    /// before the mapping is saved; that sync then recorded the same content, which counts as saved.</summary>
    private async Task PushBackAsync(CalendarSyncSettings settings, FinancialEvent local, CalendarSyncMapping mapping,
        Google.Models.GoogleEvent desired, CancellationToken ct)
    {
        var account = ConnectedAccounts.AccountOf(settings);
        var hash = EventContentHash.Compute(desired);
        var current = await remote.GetAsync(account, mapping.GoogleRef, ct).ConfigureAwait(false);
        var written = await remote.OverwriteAsync(account, mapping.GoogleRef, desired, current, ct).ConfigureAwait(false);
        try
        {
            await writer.SavePushedAsync(settings, local, mapping, written, hash, ct).ConfigureAwait(false);
        }
        catch (MappingConflictException)
        {
            // Recorded by the concurrent echo when Google and the mapping agree on the restored version; else a real race.
            if ((await mappings.GetByEventAsync(settings.UserId, local.Id, ct).ConfigureAwait(false))?.ContentHash != hash)
            {
                throw;
            }
        }
    }
}
