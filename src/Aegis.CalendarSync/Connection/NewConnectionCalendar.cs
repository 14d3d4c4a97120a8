namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar a new Google connection syncs into (<see cref="ConnectionOptions.NewConnectionCalendar"/>).</summary>
public enum NewConnectionCalendar
{
    /// <summary>A calendar of Aegis's own, marked for import.</summary>
    Dedicated,

    /// <summary>The account's primary calendar, not marked for import.</summary>
    Primary,
}
