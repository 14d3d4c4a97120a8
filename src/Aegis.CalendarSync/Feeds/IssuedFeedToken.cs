namespace Aegis.CalendarSync.Feeds;

/// <summary>A newly issued feed token. <see cref="Token"/> exists only in this value: it cannot be read back later.</summary>
public sealed record IssuedFeedToken(string Token, FeedTokenInfo Info);
