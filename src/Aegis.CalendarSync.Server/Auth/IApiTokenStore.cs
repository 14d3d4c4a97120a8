namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Bearer tokens (server-owned table <c>api_tokens</c>); only a SHA-256 of each token is stored.</summary>
public interface IApiTokenStore
{
    Task AddAsync(string tokenHash, Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken ct);
    /// <summary>The owner of an unexpired token, or null.</summary>
    Task<Guid?> FindUserIdAsync(string tokenHash, DateTimeOffset now, CancellationToken ct);
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct);
}
