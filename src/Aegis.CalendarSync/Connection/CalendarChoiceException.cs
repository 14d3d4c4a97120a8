namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar chosen for sync cannot be used: unknown to the connected account, or the account may not
/// write it, or a routing that does not route every event type once. Nothing was changed. <see cref="Exception.Message"/> is safe to show to the user.</summary>
public sealed class CalendarChoiceException(string code, string calendarId, string message) : Exception(message)
{
    public const string NotFound = "calendar_not_found";
    public const string ReadOnly = "calendar_read_only";
    /// <summary>A routing that does not send every event type to exactly one calendar, or names a calendar twice.</summary>
    public const string RoutingInvalid = "calendar_routing_invalid";

    /// <summary><see cref="NotFound"/>, <see cref="ReadOnly"/> or <see cref="RoutingInvalid"/>.</summary>
    public string Code { get; } = code;

    public string CalendarId { get; } = calendarId;
}
