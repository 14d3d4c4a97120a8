using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Server.Persistence;

/// <summary>Table <c>api_tokens</c> (server migration 0100). Expiry is compared in SQL on both engines: timestamptz on
/// PostgreSQL, fixed-width UTC ISO-8601 text (text order = time order) on SQLite.</summary>
public sealed class SqlApiTokenStore(IDbConnectionFactory connections, SqlDialect dialect) : IApiTokenStore
{
    public async Task AddAsync(string tokenHash, Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES (@hash, @userId, @createdAt, @expiresAt)",
            new { hash = tokenHash, userId = dialect.Id(userId), createdAt = dialect.Time(createdAt), expiresAt = dialect.Time(expiresAt) },
            cancellationToken: ct));
    }

    public async Task<Guid?> FindUserIdAsync(string tokenHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var userId = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT user_id FROM api_tokens WHERE token_hash = @hash AND expires_at > @now",
            new { hash = tokenHash, now = dialect.Time(now) }, cancellationToken: ct));
        return userId is null or DBNull ? null : DbValue.ToGuid(userId);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_tokens WHERE expires_at <= @now", new { now = dialect.Time(now) }, cancellationToken: ct));
    }
}
