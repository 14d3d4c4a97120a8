using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Entry point of the four sync operations. A revoked or expired grant (invalid_grant) disables the user's
/// sync with a reason the UI shows, and is audited; every other failure is audited and rethrown for the queue's
/// retry policy.</summary>
public sealed class SyncService(
    OutboundSync outbound,
    InboundSync inbound,
    ConnectedAccounts accounts,
    IFinancialEventStore events,
    IMappingStore mappings,
    IConflictStore conflicts,
    ISettingsStore settings,
    IGoogleCalendarClient google,
    FinancialEventMapper mapper,
    SyncStateWriter writer,
    SyncAuditor auditor,
    TimeProvider time) : ISyncService
{
    public const string RevokedReason = "Google access was revoked or has expired. Reconnect Google Calendar to resume syncing.";

    public Task SyncToGoogleAsync(Guid userId, Guid financialEventId, CancellationToken ct) =>
        GuardAsync(userId, SyncActions.SyncToGoogle, financialEventId, () => outbound.SyncAsync(userId, financialEventId, ct), ct);

    public Task SyncFromGoogleAsync(Guid userId, string googleEventId, CancellationToken ct) =>
        GuardAsync(userId, SyncActions.SyncFromGoogle, null, () => inbound.SyncOneAsync(userId, googleEventId, ct), ct);

    public Task IncrementalSyncAsync(Guid userId, CancellationToken ct) =>
        GuardAsync(userId, SyncActions.IncrementalSync, null, () => inbound.IncrementalAsync(userId, ct), ct);

    public Task FullSyncAsync(Guid userId, CancellationToken ct) =>
        GuardAsync(userId, SyncActions.FullSync, null, () => inbound.FullAsync(userId, ct), ct);

    public Task ResolveConflictAsync(Guid userId, long conflictId, ConflictResolution keep, CancellationToken ct) =>
        GuardAsync(userId, SyncActions.ConflictResolved, null, () => ResolveAsync(userId, conflictId, keep, ct), ct);

    private async Task ResolveAsync(Guid userId, long conflictId, ConflictResolution keep, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        var conflict = await conflicts.GetAsync(userId, conflictId, ct).ConfigureAwait(false);
        if (conflict is not { Status: "open" })
        {
            throw new KeyNotFoundException($"No open conflict {conflictId}.");
        }

        var account = await accounts.FindAsync(userId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Google Calendar is not connected.");
        var local = await events.GetAsync(userId, conflict.FinancialEventId, ct, includeDeleted: true).ConfigureAwait(false);
        var mapping = await mappings.GetByEventAsync(userId, conflict.FinancialEventId, ct).ConfigureAwait(false);
        var remote = await GetOrTombstoneAsync(new GoogleAccount(userId), account.CalendarId, conflict.GoogleEventId, ct).ConfigureAwait(false);

        if (keep == ConflictResolution.KeepGoogle || local is null)
        {
            if (remote.IsCancelled && local is not null)
            {
                await writer.DeleteLocalAsync(userId, local.Id, ct).ConfigureAwait(false);
            }
            else if (!remote.IsCancelled)
            {
                await writer.ApplyRemoteAsync(account, local, mapping, remote, ct).ConfigureAwait(false);
            }
        }
        else if (mapper.ToGoogleEvent(local, conflict.GoogleEventId) is { } desired)
        {
            // Force the wallet's version over whatever Google holds now (the user chose it knowingly).
            var current = mapping is null ? null : mapping with { GoogleEtag = remote.Etag };
            await outbound.PushAsync(account, local, current, desired, started, ct).ConfigureAwait(false);
        }
        else if (!remote.IsCancelled)
        {
            await google.DeleteEventAsync(new GoogleAccount(userId), account.CalendarId, conflict.GoogleEventId, remote.Etag, ct).ConfigureAwait(false);
            await mappings.DeleteAsync(userId, local.Id, ct).ConfigureAwait(false);
        }

        var status = keep == ConflictResolution.KeepLocal ? "resolved_local" : "resolved_google";
        await conflicts.MarkResolvedAsync(userId, conflictId, status, time.GetUtcNow(), ct).ConfigureAwait(false);
        await auditor.RecordAsync(userId, SyncActions.ConflictResolved, SyncOutcome.Success, started, ct,
            conflict.FinancialEventId, conflict.GoogleEventId, errorCode: status).ConfigureAwait(false);
    }

    private async Task<GoogleEvent> GetOrTombstoneAsync(GoogleAccount account, string calendarId, string eventId, CancellationToken ct)
    {
        try
        {
            return await google.GetEventAsync(account, calendarId, eventId, ct).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return new GoogleEvent { Id = eventId, Status = GoogleEvent.StatusCancelled };
        }
    }

    private async Task GuardAsync(Guid userId, string action, Guid? financialEventId, Func<Task> operation, CancellationToken ct)
    {
        var started = auditor.StartTimestamp();
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (InvalidGrantException ex)
        {
            await settings.DisableAsync(userId, RevokedReason, ct).ConfigureAwait(false);
            await auditor.RecordAsync(userId, SyncActions.SyncDisabled, SyncOutcome.Failed, started, CancellationToken.None,
                financialEventId, errorCode: InvalidGrantException.ErrorCode, errorMessage: ex.Message).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var code = ex is GoogleApiException g ? g.Reason ?? ((int)g.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : ex.GetType().Name;
            await auditor.RecordAsync(userId, action, SyncOutcome.Failed, started, CancellationToken.None,
                financialEventId, errorCode: code, errorMessage: ex.Message).ConfigureAwait(false);
            throw;
        }
    }
}
