using Aegis.CalendarSync.Feeds;

namespace Aegis.CalendarSync.Store;

/// <summary>Feed tokens, stored as their SHA-256 (<see cref="FeedTokens.Hash"/>) only. A user has at most one live token.</summary>
public interface IFeedTokenStore
{
    Task<FeedTokenInfo?> GetLiveAsync(Guid userId, CancellationToken ct);

    /// <summary>Revokes the user's live token (if any) and makes <paramref name="tokenHash"/> the live one, atomically:
    /// from the commit on, the old token no longer resolves.</summary>
    Task<FeedTokenInfo> ReplaceAsync(Guid userId, string tokenHash, CancellationToken ct);

    /// <summary>Revokes the user's live token; false when there was none.</summary>
    Task<bool> RevokeAsync(Guid userId, CancellationToken ct);
}
