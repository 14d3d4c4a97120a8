using Aegis.CalendarSync.Feeds;

namespace Aegis.CalendarSync.Store;

/// <summary>The feed's read model.</summary>
public interface ICalendarFeedStore
{
    /// <summary>The owner of the live token with this hash and the stamp of their events, in one query; null for an
    /// unknown or revoked token (the same query runs either way).</summary>
    Task<FeedHead?> FindHeadAsync(string tokenHash, CancellationToken ct);

    /// <summary>The user's events the filter selects (never deleted ones), with revisions, ordered by start then id.</summary>
    Task<IReadOnlyList<FeedEvent>> ListEventsAsync(Guid userId, FeedFilter filter, CancellationToken ct);
}
