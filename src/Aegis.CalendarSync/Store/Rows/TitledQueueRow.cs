namespace Aegis.CalendarSync.Store.Rows;

/// <summary>A queue row with its event's title (ISyncQueueStore.ListTitledAsync).</summary>
internal sealed class TitledQueueRow : SyncQueueRow
{
    public string? EventTitle { get; init; }
}
