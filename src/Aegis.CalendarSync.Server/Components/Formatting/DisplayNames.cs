using Aegis.CalendarSync.Application.EventSync;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Components.Formatting;

/// <summary>The one mapping from the wallet's vocabulary to the words the pages show for it ("Bill", "Pending", "Not
/// synced"): lists, pills, badges, filters and form selects all use it, so a value reads the same everywhere. The
/// stored and wire text (<see cref="WireEnum"/>: "bill", "not_synced") stays for values, URLs and CSS classes.</summary>
public static class DisplayNames
{
    public static string Of(EventType type) => type switch
    {
        EventType.Bill => "Bill",
        EventType.Income => "Income",
        EventType.Expense => "Expense",
        EventType.Transfer => "Transfer",
        EventType.Reminder => "Reminder",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Of(EventStatus status) => status switch
    {
        EventStatus.Pending => "Pending",
        EventStatus.Paid => "Paid",
        EventStatus.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(OccurrenceStatus status) => status switch
    {
        OccurrenceStatus.Pending => "Pending",
        OccurrenceStatus.Paid => "Paid",
        OccurrenceStatus.Skipped => "Skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(EventSyncStatus status) => status switch
    {
        EventSyncStatus.Synced => "Synced",
        EventSyncStatus.Pending => "Pending",
        EventSyncStatus.Retrying => "Retrying",
        EventSyncStatus.Failed => "Failed",
        EventSyncStatus.Conflict => "Conflict",
        EventSyncStatus.Held => "Held",
        EventSyncStatus.NotSynced => "Not synced",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
