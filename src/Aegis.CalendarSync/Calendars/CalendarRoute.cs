using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Calendars;

/// <summary>One calendar of a requested routing: an existing calendar of the account (<see cref="CalendarId"/>, "primary"
/// or Google's id) or a new one to create (<see cref="NewCalendarName"/>), the event types written to it and whether events
/// a person adds there become financial events.</summary>
public sealed record CalendarRoute(string? CalendarId, string? NewCalendarName, IReadOnlyList<EventType> EventTypes, bool ImportForeignEvents);
