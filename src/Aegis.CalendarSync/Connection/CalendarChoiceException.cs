namespace Aegis.CalendarSync.Connection;

/// <summary>The calendar chosen for sync cannot be used: unknown to the connected account, or the account may not
/// write it. Nothing was changed. <see cref="Exception.Message"/> is safe to show to the user.</summary>
public sealed class CalendarChoiceException(string code, string calendarId, string message) : Exception(message)
{
    public const string NotFound = "calendar_not_found";
    public const string ReadOnly = "calendar_read_only";

    /// <summary><see cref="NotFound"/> or <see cref="ReadOnly"/>.</summary>
    public string Code { get; } = code;

    public string CalendarId { get; } = calendarId;
}
