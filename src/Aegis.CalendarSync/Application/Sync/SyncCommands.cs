using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>What a user can ask of the sync: "sync now" / "full resync" (enqueued, coalesced with pending work),
/// the queue and its dead letters, retrying a dead letter or all of them, the inbound changes that could not be applied, and refreshing one event from Google. Writes wake the
/// queue through the store; nothing here calls Google except <see cref="RefreshEventAsync"/>.</summary>
public sealed class SyncCommands(
    ISettingsStore settings,
    ISyncQueueStore queue,
    IFinancialEventStore events,
    IMappingStore mappings,
    IInboundFailureStore inboundFailures,
    ISyncService sync,
    CalendarRoutes routes)
{
    /// <summary>Enqueues calendar-wide from_google work (<see cref="QueueAction.IncrementalSync"/> or
    /// <see cref="QueueAction.FullSync"/>) when the user can sync, due at once: it never waits for the webhook's debounce.
    /// "Sync now" is one incremental sync per synced calendar, each coalesced with (and so bringing forward) the pending
    /// push item of that calendar, so a push window open meanwhile costs no second list of the calendar; a full resync
    /// is one item for every calendar. Any other merely debounced inbound item of the user is made due now by the store,
    /// as it would otherwise hold this request behind it. <see cref="SyncRequestResult.Enqueued.QueueItemId"/> is the
    /// item of the first (default) calendar, or the full resync's.</summary>
    public async Task<SyncRequestResult> RequestAsync(Guid userId, QueueAction action, CancellationToken ct)
    {
        if (action is not (QueueAction.IncrementalSync or QueueAction.FullSync))
            throw new ArgumentOutOfRangeException(nameof(action), action, "A user can request incremental_sync or full_sync.");
        var current = await settings.GetAsync(userId, ct).ConfigureAwait(false);
        if (SyncRequestResult.RefusalFor(current) is { } refusal) return refusal;
        if (action == QueueAction.FullSync)
            return new SyncRequestResult.Enqueued(await queue.EnqueueFromGoogleAsync(userId, action, ct).ConfigureAwait(false), action);

        long? first = null;
        foreach (var calendarId in (await routes.GetAsync(current!, ct).ConfigureAwait(false)).CalendarIds)
        {
            var id = await queue.EnqueueFromGoogleAsync(userId, action, calendarId, QueueDebounce.None, ct).ConfigureAwait(false);
            first ??= id;
        }

        return new SyncRequestResult.Enqueued(first!.Value, action);
    }

    /// <summary>The user's queue items (newest first), each with its event's title, the reason its last attempt failed
    /// and, while it retries by itself, when.</summary>
    public async Task<IReadOnlyList<QueueEntry>> ListQueueAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct) =>
        (await queue.ListTitledAsync(userId, status, limit, ct).ConfigureAwait(false)).Select(QueueEntry.From).ToList();

    /// <summary>Puts a dead letter back to pending with its retries reset; false when the user has no such failed item.</summary>
    public Task<bool> RetryDeadLetterAsync(Guid userId, long queueItemId, CancellationToken ct) =>
        queue.RequeueFailedAsync(userId, queueItemId, ct);

    /// <summary>"Retry all": every dead letter of the user back to pending with its retries reset; returns how many.</summary>
    public Task<int> RetryAllDeadLettersAsync(Guid userId, CancellationToken ct) => queue.RequeueAllFailedAsync(userId, ct);

    /// <summary>Google changes the sync could not apply, one per event, with the reason; each is retried by later syncs.</summary>
    public Task<IReadOnlyList<InboundFailure>> ListInboundFailuresAsync(Guid userId, CancellationToken ct) =>
        inboundFailures.ListAsync(userId, ct);

    /// <summary>The seed's sync_from_google for one wallet event: reads the event's Google counterpart now and applies
    /// it under the user's conflict strategy (an edit made on both sides becomes a conflict, never a silent
    /// overwrite). Audited as sync_from_google; a Google failure is audited and rethrown.</summary>
    public async Task<EventRefreshResult> RefreshEventAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        if (await events.GetAsync(userId, financialEventId, ct).ConfigureAwait(false) is null) return EventRefreshResult.EventNotFound.Instance;
        var current = await settings.GetAsync(userId, ct).ConfigureAwait(false);
        if (SyncRequestResult.RefusalFor(current) is { } refusal) return new EventRefreshResult.CannotSync(refusal);
        // A mapping on another calendar is being moved by a calendar switch: reading the new calendar would find
        // nothing and delete the wallet's row, so the refresh waits for the move instead.
        if (await mappings.GetByEventAsync(userId, financialEventId, ct).ConfigureAwait(false) is not { } mapping ||
            !string.Equals(mapping.GoogleCalendarId, current!.CalendarId, StringComparison.Ordinal))
            return EventRefreshResult.NotInGoogle.Instance;

        await sync.SyncFromGoogleAsync(userId, mapping.GoogleEventId, ct).ConfigureAwait(false);
        var stored = await events.GetAsync(userId, financialEventId, ct, includeDeleted: true).ConfigureAwait(false);
        return stored is null ? EventRefreshResult.EventNotFound.Instance : new EventRefreshResult.Refreshed(stored);
    }
}
