namespace Aegis.CalendarSync.Server.Jobs;

public sealed record ChannelRenewalResult(Guid UserId, bool Renewed, int Attempts);
