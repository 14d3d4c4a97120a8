namespace Aegis.CalendarSync.Application.EventSync;

/// <summary>One event's badge: its status, the reason in a sentence (shown on hover and to screen readers), when that
/// happened or happens next (last sync, next retry) and Google's link to the event, when Google holds it.</summary>
public sealed record EventSyncState(EventSyncStatus Status, string Reason, DateTimeOffset? At, string? GoogleLink)
{
    /// <summary>The badge's word: "synced", "pending", "retrying", "failed", "conflict", "not synced".</summary>
    public string Label => Status switch
    {
        EventSyncStatus.NotSynced => "not synced",
        _ => Status.ToString().ToLowerInvariant(),
    };
}
