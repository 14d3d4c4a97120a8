using Aegis.CalendarSync.Feeds;

namespace Aegis.CalendarSync.Application.Feeds;

/// <summary>The user's private feed link: issue (or regenerate), inspect, revoke. Changes are audited.</summary>
public interface IFeedSubscriptionService
{
    Task<FeedTokenInfo?> GetAsync(Guid userId, CancellationToken ct);

    /// <summary>A new token; the previous one (if any) stops working at once.</summary>
    Task<IssuedFeedToken> IssueAsync(Guid userId, CancellationToken ct);

    /// <summary>False when the user had no live token.</summary>
    Task<bool> RevokeAsync(Guid userId, CancellationToken ct);
}
