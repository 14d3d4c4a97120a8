using GoogleCalendarEmulator.Calendar.Model;

namespace GoogleCalendarEmulator.Admin;

/// <summary>Answer of the person route "this and following": the trimmed original series and the new one.</summary>
public sealed record SeriesSplit(CalendarEvent Original, CalendarEvent Following);
