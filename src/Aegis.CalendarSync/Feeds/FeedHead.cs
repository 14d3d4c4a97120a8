namespace Aegis.CalendarSync.Feeds;

/// <summary>The owner of a live feed token and the stamp of their events, read in one query.</summary>
public sealed record FeedHead(Guid UserId, FeedStamp Stamp);
