namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar chosen for sync cannot be used: unknown to the connected account, or the account may not
/// write it, or the connection still awaits the go-ahead for its first sync. Nothing was changed. <see cref="Exception.Message"/> is safe to show to the user.</summary>
public sealed class CalendarChoiceException(string code, string calendarId, string message) : Exception(message)
{
    public const string NotFound = "calendar_not_found";
    public const string ReadOnly = "calendar_read_only";
    public const string AwaitingStart = "awaiting_start";

    /// <summary><see cref="NotFound"/>, <see cref="ReadOnly"/> or <see cref="AwaitingStart"/>.</summary>
    public string Code { get; } = code;

    public string CalendarId { get; } = calendarId;
}
