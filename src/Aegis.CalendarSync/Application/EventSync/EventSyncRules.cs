using Aegis.CalendarSync.Application.Progress;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>Turns the facts of one event into its badge. What needs the user comes first (a conflict, a held deletion, a dead letter, a
/// Google change that could not be applied), then what stops sync (no connection, sync off), then the queue, then the
/// mapping.</summary>
public static class EventSyncRules
{
    public static EventSyncState Decide(EventSyncFacts? facts, ConnectionState connection)
    {
        var link = facts?.Mapped == true ? facts.HtmlLink : null;
        if (facts is { OpenConflicts: > 0 })
            return new(EventSyncStatus.Conflict, "Changed here and in Google Calendar: choose which version to keep on the Conflicts page.", null, link);
        if (facts is { HeldDeletion: true })
            return new(EventSyncStatus.Held,
                "Deleted in Google Calendar along with many other events at once, so it is kept here: confirm the deletion or restore it on the Trash page.",
                null, link);
        if (facts is { QueueStatus: QueueStatus.Failed })
            return new(EventSyncStatus.Failed,
                $"Could not be sent to Google Calendar after {facts.RetryCount + 1} attempts{Because(facts.LastError)}. Retry it on the Sync status page.",
                null, link);
        if (facts is { InboundFailure: { } inbound })
            return new(EventSyncStatus.Failed, $"A change made in Google Calendar could not be applied{Because(inbound)}.", null, link);
        if (!connection.Connected)
            return new(EventSyncStatus.NotSynced, "Google Calendar is not connected.", null, link);
        if (!connection.SyncEnabled)
            return new(EventSyncStatus.NotSynced, $"Sync with Google Calendar is off{Because(connection.DisabledReason)}.", null, link);
        if (facts is { QueueStatus: QueueStatus.Pending or QueueStatus.Processing, RetryCount: > 0 })
            return new(EventSyncStatus.Retrying,
                $"Attempt {facts.RetryCount} failed{Because(facts.LastError)}; it is tried again automatically.", facts.NextAttemptAt, link);
        if (facts is { QueueStatus: QueueStatus.Pending or QueueStatus.Processing })
            return new(EventSyncStatus.Pending, "Waiting to be sent to Google Calendar.", facts.NextAttemptAt, link);
        if (facts is { Mapped: true })
            return new(EventSyncStatus.Synced, "In Google Calendar.", facts.LastSyncedAt, link);
        return new(EventSyncStatus.Pending, "Not in Google Calendar yet; it is sent with the next sync.", null, null);
    }

    private static string Because(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason.Trim().TrimEnd('.');
}
