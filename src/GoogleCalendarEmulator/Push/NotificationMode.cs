namespace GoogleCalendarEmulator.Push;

/// <summary>How the next push messages are delivered: normally, dropped, sent twice or delayed.</summary>
public enum NotificationMode
{
    Normal,
    Drop,
    Duplicate,
    Delay,
}

/// <summary>Admin request body for POST /emulator/notifications. A null Count applies the mode until changed.</summary>
public sealed record NotificationBehavior(NotificationMode Mode, int? Count = null, int? DelayMilliseconds = null);
