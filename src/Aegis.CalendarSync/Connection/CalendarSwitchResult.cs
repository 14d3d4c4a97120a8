namespace Aegis.CalendarSync.Connection;

/// <summary>Outcome of <see cref="IGoogleConnectionService.SwitchCalendarAsync"/>.</summary>
/// <param name="CalendarId">The calendar id now stored in the settings ("primary" for the account's primary calendar).</param>
/// <param name="Changed">False when sync already targeted this calendar and nothing had to move.</param>
/// <param name="EventsMoved">Synced events brought over from the previous calendar: moved with events.move, or (when Google
/// would not move one) re-created on the new calendar; the audit tells which.</param>
public sealed record CalendarSwitchResult(string CalendarId, bool Changed, int EventsMoved);
