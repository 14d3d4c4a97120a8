using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Feeds;

public sealed class FeedSubscriptionService(IFeedTokenStore tokens, IAuditStore audit) : IFeedSubscriptionService
{
    public Task<FeedTokenInfo?> GetAsync(Guid userId, CancellationToken ct) => tokens.GetLiveAsync(userId, ct);

    public async Task<IssuedFeedToken> IssueAsync(Guid userId, CancellationToken ct)
    {
        var previous = await tokens.GetLiveAsync(userId, ct).ConfigureAwait(false);
        var token = FeedTokens.Create();
        var info = await tokens.ReplaceAsync(userId, FeedTokens.Hash(token), ct).ConfigureAwait(false);
        await AuditAsync(userId, previous is null ? AuditAction.FeedTokenIssued : AuditAction.FeedTokenRegenerated, ct).ConfigureAwait(false);
        return new IssuedFeedToken(token, info);
    }

    public async Task<bool> RevokeAsync(Guid userId, CancellationToken ct)
    {
        var revoked = await tokens.RevokeAsync(userId, ct).ConfigureAwait(false);
        if (revoked) await AuditAsync(userId, AuditAction.FeedTokenRevoked, ct).ConfigureAwait(false);
        return revoked;
    }

    private Task AuditAsync(Guid userId, AuditAction action, CancellationToken ct) =>
        audit.AppendAsync(AuditEntry.Of(userId, action, AuditOutcome.Success), ct);
}
