namespace Aegis.CalendarSync.Server.Feeds;

/// <summary>GET /api/feed: whether a feed link is live. The link itself cannot be shown again (only its hash is kept).</summary>
public sealed record FeedSubscriptionResponse(bool Active, DateTimeOffset? CreatedAt);
