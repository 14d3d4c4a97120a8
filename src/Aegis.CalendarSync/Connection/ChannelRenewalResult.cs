namespace Aegis.CalendarSync.Connection;

/// <summary>One channel's renewal: its user, renewed or not, after how many attempts, and the calendar it watches (null:
/// the user's default calendar).</summary>
public sealed record ChannelRenewalResult(Guid UserId, bool Renewed, int Attempts, string? CalendarId = null);
