using System.Globalization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>A queue item as the user reads it: its event's title, why its last attempt failed in plain words, and,
/// while the queue will try it again by itself (pending after a failed attempt), when.</summary>
public sealed record QueueEntry(SyncQueueItem Item, string? EventTitle)
{
    /// <summary>Null when the last attempt did not fail.</summary>
    public FailureReason? Reason { get; } = FailureReasons.From(Item.LastError);

    /// <summary>When the queue tries again on its own; null unless the item is pending after a failed attempt. (A
    /// dead letter that was retried by hand is pending with retry 0: it is simply due, not retrying.)</summary>
    public DateTimeOffset? WillRetryAt =>
        Item is { Status: QueueStatus.Pending, RetryCount: > 0, LastError: not null } ? Item.NextAttemptAt : null;

    /// <summary>One line for the lists: "Will retry at 2026-12-01 11:35 UTC", "Failed: …", or the status.</summary>
    public string StateText => WillRetryAt is { } at
        ? $"Will retry at {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
        : Item.Status == QueueStatus.Failed
            ? $"Failed: {Reason?.Text ?? "no reason recorded."}"
            : WireEnum.ToWire(Item.Status);

    public static QueueEntry From(TitledQueueItem titled) => new(titled.Item, titled.EventTitle);
}
