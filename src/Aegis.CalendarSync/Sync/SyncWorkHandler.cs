using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Sync.Batching;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Sync;

/// <summary>Runs a claimed queue item through the sync service, in an <see cref="SyncTracing.SyncOutbound"/> or
/// <see cref="SyncTracing.SyncInbound"/> span. Every action is idempotent (deterministic ids, If-Match, content
/// hashes, token saved last), so a redelivered item after a lost lease repeats no side effect.</summary>
internal sealed class SyncWorkHandler(ISyncService sync, SyncAuditor auditor, PushWindows pushWindows, IGoogleCalendarClient google,
    IOptions<GoogleApiOptions> googleOptions) : ISyncWorkHandler
{
    /// <summary>The batch's Google writes are coalesced (<see cref="GoogleWriteBatch"/>), at most
    /// <see cref="GoogleApiOptions.MaxCallsPerBatchRequest"/> calls per request.</summary>
    public IDisposable? BeginBatch(IReadOnlyList<SyncQueueItem> items, CancellationToken ct) =>
        GoogleWriteBatch.Begin(google, items.Count, googleOptions.Value.MaxCallsPerBatchRequest, ct);

    public void AuditsLost(IReadOnlyList<AuditEntry> entries, Exception failure) => auditor.ReportLost(entries, failure);

    public async Task HandleAsync(SyncQueueItem item, CancellationToken ct)
    {
        var name = item.Direction == SyncDirection.ToGoogle ? SyncTracing.SyncOutbound : SyncTracing.SyncInbound;
        using var span = SyncTracing.StartSync(name, item.UserId, item.Action, item.FinancialEventId);
        using var finished = GoogleWriteBatch.Current?.Finish();
        if (item.Direction == SyncDirection.FromGoogle)
        {
            // Before the list: the pushes this node absorbed so far are covered by it (PushWindows).
            pushWindows.SyncStarting(item.UserId, item.GoogleCalendarId);
        }

        try
        {
            await RunAsync(item, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SyncTracing.Fail(span, ex);
            throw;
        }
    }

    private Task RunAsync(SyncQueueItem item, CancellationToken ct) => (item.Direction, item.Action) switch
    {
        (SyncDirection.ToGoogle, QueueAction.Upsert or QueueAction.Delete) when item.FinancialEventId is { } id =>
            sync.SyncToGoogleAsync(item.UserId, id, ct),
        (SyncDirection.FromGoogle, QueueAction.IncrementalSync) => sync.IncrementalSyncAsync(item.UserId, item.GoogleCalendarId, ct),
        (SyncDirection.FromGoogle, QueueAction.FullSync) => sync.FullSyncAsync(item.UserId, item.GoogleCalendarId, ct),
        _ => throw new UnsupportedQueueItemException(item),
    };
}
