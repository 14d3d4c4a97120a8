using System.Collections.Concurrent;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google.Auth;

/// <summary>Per-user access tokens: cached in memory, refreshed <see cref="GoogleApiOptions.TokenRefreshMargin"/>
/// before expiry, one token-endpoint call at a time per user (concurrent callers await the same refresh), and
/// persisted encrypted (<see cref="GoogleTokenVault"/>) through <see cref="ITokenStore"/>. Tokens read with a retired encryption key are re-saved
/// with the current one.</summary>
internal sealed partial class GoogleAccessTokenProvider(
    ITokenStore store,
    GoogleOAuthClient oauth,
    GoogleTokenVault vault,
    TimeProvider time,
    IOptions<GoogleApiOptions> options,
    ILogger<GoogleAccessTokenProvider> logger) : IAccessTokenProvider, IAccessTokenCache
{
    private readonly TimeSpan _margin = options.Value.TokenRefreshMargin;
    private readonly ConcurrentDictionary<Guid, CachedToken> _cache = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<CachedToken>>> _refreshes = new();

    public async Task<string> GetAccessTokenAsync(Guid userId, CancellationToken ct)
    {
        if (_cache.TryGetValue(userId, out var cached) && IsFresh(cached.ExpiresAt))
        {
            return cached.AccessToken;
        }

        var stored = await store.LoadAsync(userId, ct).ConfigureAwait(false) ?? throw new GoogleAccountNotConnectedException(userId);
        if (!IsFresh(stored.ExpiresAt))
        {
            return await RefreshAsync(userId, ct).ConfigureAwait(false);
        }

        var accessToken = vault.OpenAccessToken(userId, stored.EncryptedAccessToken);
        if (!vault.IsCurrentKey(stored.EncryptedAccessToken) || !vault.IsCurrentKey(stored.EncryptedRefreshToken))
        {
            var refreshToken = vault.OpenRefreshToken(userId, stored.EncryptedRefreshToken);
            await SaveAsync(userId, accessToken, refreshToken, stored.ExpiresAt, ct).ConfigureAwait(false);
            LogReEncrypted(userId);
        }

        _cache[userId] = new CachedToken(accessToken, stored.ExpiresAt);
        return accessToken;
    }

    public async Task<string> RefreshAsync(Guid userId, CancellationToken ct)
    {
        Lazy<Task<CachedToken>> mine = null!;
        mine = new Lazy<Task<CachedToken>>(() => RefreshSharedAsync(userId, mine));
        var shared = _refreshes.GetOrAdd(userId, mine);
        // The shared refresh ignores any one caller's cancellation: a caller that gives up must not fail the others.
        var token = await shared.Value.WaitAsync(ct).ConfigureAwait(false);
        return token.AccessToken;
    }

    public void Forget(Guid userId) => _cache.TryRemove(userId, out _);

    /// <summary>Stores the tokens of a completed authorization_code exchange. Google omits the refresh token when
    /// the user had already consented; the previously stored one is kept then.</summary>
    public async Task SaveGrantAsync(Guid userId, OAuthTokenResponse grant, CancellationToken ct)
    {
        var refreshToken = grant.RefreshToken;
        if (refreshToken is null)
        {
            var existing = await store.LoadAsync(userId, ct).ConfigureAwait(false)
                ?? throw new InvalidGrantException("Google returned no refresh token and none is stored; authorize again with prompt=consent.");
            refreshToken = vault.OpenRefreshToken(userId, existing.EncryptedRefreshToken);
        }

        var expiresAt = time.GetUtcNow().AddSeconds(grant.ExpiresIn);
        await SaveAsync(userId, grant.AccessToken, refreshToken, expiresAt, ct).ConfigureAwait(false);
        _cache[userId] = new CachedToken(grant.AccessToken, expiresAt);
    }

    private async Task<CachedToken> RefreshSharedAsync(Guid userId, Lazy<Task<CachedToken>> self)
    {
        try
        {
            await Task.Yield();
            var stored = await store.LoadAsync(userId, CancellationToken.None).ConfigureAwait(false)
                ?? throw new GoogleAccountNotConnectedException(userId);
            var refreshToken = vault.OpenRefreshToken(userId, stored.EncryptedRefreshToken);
            OAuthTokenResponse response;
            try
            {
                response = await oauth.RefreshAsync(refreshToken, CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidGrantException)
            {
                _cache.TryRemove(userId, out _);
                LogGrantRevoked(userId);
                throw;
            }

            var expiresAt = time.GetUtcNow().AddSeconds(response.ExpiresIn);
            await SaveAsync(userId, response.AccessToken, response.RefreshToken ?? refreshToken, expiresAt, CancellationToken.None).ConfigureAwait(false);
            var token = new CachedToken(response.AccessToken, expiresAt);
            _cache[userId] = token;
            LogRefreshed(userId, expiresAt);
            return token;
        }
        finally
        {
            _refreshes.TryRemove(KeyValuePair.Create(userId, self));
        }
    }

    private Task SaveAsync(Guid userId, string accessToken, string refreshToken, DateTimeOffset expiresAt, CancellationToken ct) =>
        store.SaveAsync(
            userId,
            new StoredTokens(
                vault.SealAccessToken(userId, accessToken),
                vault.SealRefreshToken(userId, refreshToken),
                expiresAt),
            ct);

    private bool IsFresh(DateTimeOffset expiresAt) => expiresAt - _margin > time.GetUtcNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed Google access token for user {UserId}, expires at {ExpiresAt}")]
    private partial void LogRefreshed(Guid userId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Google refresh token of user {UserId} is expired or revoked (invalid_grant)")]
    private partial void LogGrantRevoked(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encrypted Google tokens of user {UserId} with the current key")]
    private partial void LogReEncrypted(Guid userId);

    private sealed record CachedToken(string AccessToken, DateTimeOffset ExpiresAt);
}
