namespace Aegis.CalendarSync.Sync.Preview;

/// <summary>A Google calendar the first sync of a connection syncs with: its id (null while it is still to be created),
/// its name, whether Start creates it, and whether the events people create in it are imported.</summary>
public sealed record PreviewCalendar(string? Id, string Name, bool WillBeCreated, bool ImportsForeignEvents);
