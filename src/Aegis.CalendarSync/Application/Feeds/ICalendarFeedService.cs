using Aegis.CalendarSync.Feeds;

namespace Aegis.CalendarSync.Application.Feeds;

/// <summary>Serves <c>GET /feeds/{token}.ics</c>.</summary>
public interface ICalendarFeedService
{
    /// <summary>Unknown, malformed and revoked tokens take the same path (hash, one head query) and give
    /// <see cref="FeedResult.NotFound"/>. A request whose conditions match the current validators gets
    /// <see cref="FeedResult.NotModified"/> after that one query, without reading events or rendering.</summary>
    Task<FeedResult> GetAsync(string token, FeedFilter filter, FeedConditions conditions, CancellationToken ct);
}
