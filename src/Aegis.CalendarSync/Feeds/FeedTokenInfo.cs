namespace Aegis.CalendarSync.Feeds;

/// <summary>The user's live (not revoked) feed token, without the token: only its hash is stored.</summary>
public sealed record FeedTokenInfo(Guid Id, DateTimeOffset CreatedAt);
