namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar chosen for sync cannot be used: unknown to the connected account, the account may not
/// write it, a routing that does not route every event type once, or another switch of the same user is still
/// running. Nothing was changed. <see cref="Exception.Message"/> is safe to show to the user.</summary>
public sealed class CalendarChoiceException(string code, string calendarId, string message) : Exception(message)
{
    public const string NotFound = "calendar_not_found";
    public const string ReadOnly = "calendar_read_only";
    public const string SwitchInProgress = "calendar_switch_in_progress";

    /// <summary>A routing that does not send every event type to exactly one calendar, or names a calendar twice.</summary>
    public const string RoutingInvalid = "calendar_routing_invalid";

    /// <summary><see cref="NotFound"/>, <see cref="ReadOnly"/>, <see cref="RoutingInvalid"/> or <see cref="SwitchInProgress"/>.</summary>
    public string Code { get; } = code;

    public string CalendarId { get; } = calendarId;
}
