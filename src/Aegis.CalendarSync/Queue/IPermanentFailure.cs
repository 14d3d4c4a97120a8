namespace Aegis.CalendarSync.Queue;

/// <summary>Marks an exception that retrying cannot fix (e.g. invalid_grant, a 400): the item goes straight to
/// failed (dead letter).</summary>
internal interface IPermanentFailure;
