namespace Aegis.CalendarSync.Server.Feeds;

/// <summary>POST /api/feed: the new link, shown this once; any previous link stopped working.</summary>
public sealed record IssuedFeedResponse(string Url, string WebcalUrl, DateTimeOffset CreatedAt);
