namespace Aegis.CalendarSync.Connection;

/// <summary>One user's renewal: renewed or not, and after how many attempts.</summary>
public sealed record ChannelRenewalResult(Guid UserId, bool Renewed, int Attempts);
