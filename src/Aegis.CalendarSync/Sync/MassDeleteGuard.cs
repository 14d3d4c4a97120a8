using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync;

/// <summary>Judges the deletions one inbound sync found. Guarantee: when they number more than
/// <see cref="MassDeleteOptions.MaxCount"/> and more than <see cref="MassDeleteOptions.MaxShare"/> of the user's synced
/// events, none is applied: all are held (one transaction, audited) for the user to confirm or restore.</summary>
internal sealed class MassDeleteGuard(
    IMappingStore mappings,
    IHeldDeletionStore held,
    SyncAuditor auditor,
    IOptions<MassDeleteOptions> options,
    TimeProvider time)
{
    public async Task<IReadOnlySet<Guid>> HeldIdsAsync(Guid userId, CancellationToken ct) =>
        (await held.ListAsync(userId, ct).ConfigureAwait(false)).Select(h => h.FinancialEventId).ToHashSet();

    public bool IsMassDelete(int deletions, int syncedEvents) =>
        deletions > options.Value.MaxCount && deletions > options.Value.MaxShare * syncedEvents;

    /// <summary>True when the deletions were held (none may be applied); false when they may be applied.</summary>
    public async Task<bool> TryHoldAsync(SyncAttempt attempt, IReadOnlyList<PendingDeletion> deletions, CancellationToken ct)
    {
        if (deletions.Count == 0)
        {
            return false;
        }

        var synced = (await mappings.ListAsync(attempt.UserId, ct).ConfigureAwait(false)).Count;
        if (!IsMassDelete(deletions.Count, synced))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await held.HoldAsync(deletions.Select(d => new HeldDeletion
        {
            UserId = attempt.UserId,
            FinancialEventId = d.Local.Id,
            GoogleCalendarId = d.Mapping.GoogleCalendarId,
            GoogleEventId = d.Mapping.GoogleEventId,
            HeldAt = now,
        }).ToList(), ct).ConfigureAwait(false);
        await auditor.RecordAsync(attempt.Audit(AuditAction.DeleteFromGoogle, AuditOutcome.Skipped) with
        {
            ErrorCode = "mass_delete_held",
            ErrorMessage = $"Google Calendar removed {deletions.Count} of {synced} synced events; held until the user decides",
        }, attempt.StartedAt, ct).ConfigureAwait(false);
        return true;
    }
}
