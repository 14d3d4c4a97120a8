using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Clears the dead letters that events made obsolete, so the user is not asked to retry what no longer needs
/// doing. Nothing is deleted: a cleared item is marked completed (its last_error kept) and each one is audited
/// (<see cref="AuditAction.DeadLetterResolved"/> / <see cref="AuditAction.DeadLetterRequeued"/>) with the failure it
/// had. Each store write only applies while the item is still failed, so a concurrent "Retry" wins.</summary>
public sealed class DeadLetterRecovery(
    ISettingsStore settings,
    ISyncQueueStore queue,
    IFinancialEventStore events,
    IMappingStore mappings,
    FinancialEventMapper mapper,
    PushedVersion pushed,
    SyncAuditor auditor)
{
    /// <summary>Dead letters looked at per call (newest first); older ones are looked at by the next call.</summary>
    public const int Limit = 500;

    /// <summary>After a successful full sync: a failed inbound sync is superseded; a failed push is resolved when Google
    /// already holds the wallet's current version (same content hash, current calendar, every changed occurrence
    /// pushed), or when there is nothing to send. Anything else stays a dead letter. Returns how many were resolved.</summary>
    public async Task<int> ResolveObsoleteAsync(Guid userId, CancellationToken ct)
    {
        if (await settings.GetAsync(userId, ct).ConfigureAwait(false) is not { CanSync: true } current) return 0;
        var resolved = 0;
        foreach (var item in await queue.ListFailedAsync(userId, Limit, ct).ConfigureAwait(false))
        {
            var started = auditor.StartTimestamp();
            if (await ObsoleteBecauseAsync(current, item, ct).ConfigureAwait(false) is not { } why) continue;
            if (!await queue.ResolveFailedAsync(userId, item.Id, ct).ConfigureAwait(false)) continue;
            resolved++;
            await AuditResolvedAsync(item, why, started, ct).ConfigureAwait(false);
        }
        return resolved;
    }

    private Task AuditResolvedAsync(SyncQueueItem item, DeadLetterResolution why, long started, CancellationToken ct) =>
        auditor.RecordAsync(AuditEntry.Of(item.UserId, AuditAction.DeadLetterResolved, AuditOutcome.Success) with
        {
            FinancialEventId = item.FinancialEventId,
            ErrorCode = WireEnum.ToWire(why),
            ErrorMessage = $"Queue item {item.Id} no longer needed: {Explain(why)} It had failed: {Reason(item)}",
        }, started, ct);

    /// <summary>After Google was found to hold the event's current version (a push of it succeeded, or it was unchanged):
    /// the event's dead letters (older failed pushes) have nothing left to do and are resolved, each audited. Returns how many.</summary>
    public async Task<int> ResolveReachedGoogleAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        // One statement on every successful push; it closes nothing unless the event has dead letters.
        var closed = await queue.CloseFailedForEventAsync(userId, financialEventId, ct).ConfigureAwait(false);
        foreach (var item in closed)
        {
            await AuditResolvedAsync(item, DeadLetterResolution.AlreadyInGoogle, started, ct).ConfigureAwait(false);
        }
        return closed.Count;
    }

    /// <summary>After a new Google connection: dead letters whose failure the connection fixes (revoked or expired
    /// access, not connected, sign-in refused) go back to the queue with their retries reset. Returns how many.</summary>
    public async Task<int> RequeueFixedByReconnectAsync(Guid userId, CancellationToken ct)
    {
        var requeued = 0;
        foreach (var item in await queue.ListFailedAsync(userId, Limit, ct).ConfigureAwait(false))
        {
            var started = auditor.StartTimestamp();
            if (FailureReasons.From(item.LastError) is not { FixedByReconnect: true } reason) continue;
            if (!await queue.RequeueFailedAsync(userId, item.Id, ct).ConfigureAwait(false)) continue;
            requeued++;
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.DeadLetterRequeued, AuditOutcome.Success) with
            {
                FinancialEventId = item.FinancialEventId,
                ErrorCode = WireEnum.ToWire(reason.Cause),
                ErrorMessage = $"Queue item {item.Id} retried after reconnecting Google Calendar. It had failed: {reason.Text}",
            }, started, ct).ConfigureAwait(false);
        }
        return requeued;
    }

    private async Task<DeadLetterResolution?> ObsoleteBecauseAsync(CalendarSyncSettings current, SyncQueueItem item, CancellationToken ct)
    {
        if (item.Direction == SyncDirection.FromGoogle) return DeadLetterResolution.SupersededByFullSync;
        if (item.FinancialEventId is not { } eventId) return null;
        var local = await events.GetAsync(item.UserId, eventId, ct, includeDeleted: true).ConfigureAwait(false);
        var mapping = await mappings.GetByEventAsync(item.UserId, eventId, ct).ConfigureAwait(false);
        var desired = local is null ? null : mapper.ToGoogleEvent(local, mapping?.GoogleEventId);
        if (desired is null) return mapping is null ? DeadLetterResolution.NothingToSend : null;
        if (mapping is null) return null;
        return await pushed.ReachedGoogleAsync(current, local!, mapping, ct).ConfigureAwait(false) ? DeadLetterResolution.AlreadyInGoogle : null;
    }

    private static string Explain(DeadLetterResolution why) => why switch
    {
        DeadLetterResolution.AlreadyInGoogle => "Google Calendar already holds the current version of the event.",
        DeadLetterResolution.NothingToSend => "there is nothing left to send to Google Calendar.",
        _ => "a full sync with Google Calendar has since completed.",
    };

    private static string Reason(SyncQueueItem item) => FailureReasons.From(item.LastError)?.Text ?? "no reason recorded.";
}
