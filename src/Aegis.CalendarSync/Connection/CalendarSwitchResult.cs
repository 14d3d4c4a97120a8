namespace Aegis.CalendarSync.Connection;

/// <summary>Outcome of <see cref="IGoogleConnectionService.SwitchCalendarAsync"/>.</summary>
/// <param name="CalendarId">The calendar id now stored in the settings ("primary" for the account's primary calendar).</param>
/// <param name="Changed">False when sync already targeted this calendar and nothing had to move.</param>
/// <param name="EventsMoved">Synced events taken off the previous calendar; the enqueued full sync re-creates them on the new one.</param>
public sealed record CalendarSwitchResult(string CalendarId, bool Changed, int EventsMoved);
