using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Entry point of the four sync operations. A revoked or expired grant (invalid_grant) disables the user's
/// sync with a reason the UI shows, and is audited; every other failure is audited and rethrown for the queue's
/// retry policy.</summary>
internal sealed class SyncService(
    OutboundSync outbound,
    InboundSync inbound,
    ConflictResolver conflicts,
    ISettingsStore settings,
    DeadLetterRecovery deadLetters,
    SyncAuditor auditor) : ISyncService
{
    public const string RevokedReason = "Google access was revoked or has expired. Reconnect Google Calendar to resume syncing.";

    public Task SyncToGoogleAsync(Guid userId, Guid financialEventId, CancellationToken ct) =>
        GuardAsync(userId, AuditAction.SyncToGoogle, financialEventId, () => outbound.SyncAsync(userId, financialEventId, ct), ct);

    public Task SyncFromGoogleAsync(Guid userId, string googleEventId, CancellationToken ct) =>
        GuardAsync(userId, AuditAction.SyncFromGoogle, null, () => inbound.SyncOneAsync(userId, googleEventId, ct), ct);

    public Task IncrementalSyncAsync(Guid userId, CancellationToken ct) => IncrementalSyncAsync(userId, null, ct);

    public Task IncrementalSyncAsync(Guid userId, string? calendarId, CancellationToken ct) =>
        GuardAsync(userId, AuditAction.IncrementalSync, null, () => inbound.IncrementalAsync(userId, calendarId, ct), ct);

    /// <summary>After the full sync succeeded, the dead letters it made obsolete are resolved (audited).</summary>
    public Task FullSyncAsync(Guid userId, CancellationToken ct) => FullSyncAsync(userId, null, ct);

    public Task FullSyncAsync(Guid userId, string? calendarId, CancellationToken ct) =>
        GuardAsync(userId, AuditAction.FullSync, null, async () =>
        {
            await inbound.FullAsync(userId, calendarId, ct).ConfigureAwait(false);
            await deadLetters.ResolveObsoleteAsync(userId, ct).ConfigureAwait(false);
        }, ct);

    public Task ResolveConflictAsync(Guid userId, long conflictId, ConflictResolution keep, CancellationToken ct) =>
        GuardAsync(userId, AuditAction.ConflictResolved, null, () => conflicts.ResolveManualAsync(userId, conflictId, keep, ct), ct);

    public Task MergeConflictAsync(Guid userId, long conflictId, ConflictMerge merge, CancellationToken ct) =>
        GuardAsync(userId, AuditAction.ConflictResolved, null, () => conflicts.ResolveMergedAsync(userId, conflictId, merge, ct), ct);

    private async Task GuardAsync(Guid userId, AuditAction action, Guid? financialEventId, Func<Task> operation, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (InvalidGrantException ex)
        {
            await settings.DisableAsync(userId, RevokedReason, ct).ConfigureAwait(false);
            await auditor.RecordAsync(AuditEntry.Of(userId, AuditAction.SyncDisabled, AuditOutcome.Failed) with
            {
                FinancialEventId = financialEventId,
                ErrorCode = InvalidGrantException.ErrorCode,
                ErrorMessage = ex.Message,
            }, started, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var code = ex is GoogleApiException g ? g.Reason ?? ((int)g.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : ex.GetType().Name;
            await auditor.RecordAsync(AuditEntry.Of(userId, action, AuditOutcome.Failed) with
            {
                FinancialEventId = financialEventId,
                ErrorCode = code,
                ErrorMessage = ex.Message,
            }, started, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
