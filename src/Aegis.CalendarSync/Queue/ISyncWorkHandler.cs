using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Queue;

/// <summary>Does the work of one claimed queue item (implemented by the sync engine). Returning completes the item;
/// throwing retries it with backoff (see <see cref="IHasRetryAfter"/>, <see cref="IPermanentFailure"/>). The token is
/// cancelled on shutdown or when the item's lease is lost; work must be idempotent, since an item whose worker died
/// is handed out again after its lease expires.</summary>
public interface ISyncWorkHandler
{
    Task HandleAsync(SyncQueueItem item, CancellationToken ct);

    /// <summary>Called before the handlers of a claimed batch's to_google <paramref name="items"/> run (all at once, on
    /// flows started from the caller's; <see cref="HandleAsync"/> is called exactly once for each) so the handler can
    /// share work among them until the result is disposed (the sync engine: their Google writes go out as batch
    /// requests); null when there is nothing to share.</summary>
    IDisposable? BeginBatch(IReadOnlyList<SyncQueueItem> items, CancellationToken ct) => null;

    /// <summary>Audit rows the handlers of a batch wrote that could not be stored (the batch's work was committed
    /// without them): the handler reports them as it reports any failed audit write.</summary>
    void AuditsLost(IReadOnlyList<AuditEntry> entries, Exception failure)
    {
    }
}
