namespace Aegis.CalendarSync.Model;

/// <summary>A queue item with the title of its financial event (null for calendar-wide work, or when the event row is
/// gone), as the lists people read show it.</summary>
public sealed record TitledQueueItem(SyncQueueItem Item, string? EventTitle);
