namespace GoogleCalendarEmulator.State;

/// <summary>The calendarListEntry.accessRole values Google reports.</summary>
public static class CalendarAccessRoles
{
    public const string FreeBusyReader = "freeBusyReader";
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Owner = "owner";

    public static bool IsKnown(string role) => role is FreeBusyReader or Reader or Writer or Owner;
}
