using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Calendars;

/// <summary>Where each event type of a user is written: to the further synced calendar it is routed to, otherwise to the
/// default calendar (<see cref="CalendarSyncSettings.CalendarId"/>). With no further calendar, everything goes to the
/// default one (the single-calendar setup).</summary>
public sealed record CalendarRouting(CalendarSyncSettings Settings, IReadOnlyList<SyncedCalendar> Others)
{
    public string DefaultCalendarId => Settings.CalendarId;

    /// <summary>The calendar events of <paramref name="type"/> are written to.</summary>
    public string TargetFor(EventType type) =>
        Others.FirstOrDefault(c => c.EventTypes.Contains(type))?.CalendarId ?? DefaultCalendarId;

    /// <summary>The event types written to <paramref name="calendarId"/> (for the default one: every type not routed elsewhere).</summary>
    public IReadOnlySet<EventType> TypesOf(string calendarId) =>
        Enum.GetValues<EventType>().Where(t => TargetFor(t) == calendarId).ToHashSet();

    /// <summary>Every synced calendar: the default one first, then the others.</summary>
    public IEnumerable<string> CalendarIds => Others.Select(c => c.CalendarId).Prepend(DefaultCalendarId);

    /// <summary>The settings seen from <paramref name="calendarId"/> (its sync state, its import flag, the type an event
    /// imported from it gets); null when the user does not sync that calendar.</summary>
    public CalendarSyncSettings? Scope(string calendarId)
    {
        if (calendarId == DefaultCalendarId)
        {
            var types = TypesOf(calendarId);
            return Settings with { ImportedEventType = types.Count == 0 || types.Contains(EventType.Reminder) ? null : types.Min() };
        }

        return Others.FirstOrDefault(c => c.CalendarId == calendarId) is { } other ? Settings.ForCalendar(other) : null;
    }
}
