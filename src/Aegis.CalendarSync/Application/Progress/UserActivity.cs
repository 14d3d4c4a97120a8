namespace Aegis.CalendarSync.Application.Progress;

/// <summary>An activity line with the user it belongs to, as the shared feed reads it for all users at once.</summary>
public sealed record UserActivity(Guid UserId, ActivityEntry Entry);
