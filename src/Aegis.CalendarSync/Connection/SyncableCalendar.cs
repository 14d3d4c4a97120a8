namespace Aegis.CalendarSync.Connection;

/// <summary>A calendar of the connected account that sync may target (the account is writer or owner).</summary>
/// <param name="Id">Google's calendar id (the primary calendar's is the account's email).</param>
/// <param name="Selected">True when it is the calendar sync currently targets.</param>
public sealed record SyncableCalendar(string Id, string Summary, bool Primary, string AccessRole, string? TimeZone, bool Selected);
