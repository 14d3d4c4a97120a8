using Aegis.CalendarSync.Server.Auth;
using Dapper;

namespace Aegis.CalendarSync.Server.Persistence;

public sealed class SqlApiTokenStore(ServerDatabase database) : IApiTokenStore
{
    public async Task AddAsync(string tokenHash, Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) VALUES (@Hash, @UserId, @CreatedAt, @ExpiresAt)",
            new
            {
                Hash = tokenHash,
                UserId = userId.ToString("D"),
                CreatedAt = createdAt.ToUnixTimeMilliseconds(),
                ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: ct));
    }

    public async Task<Guid?> FindUserIdAsync(string tokenHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var userId = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT user_id FROM api_tokens WHERE token_hash = @Hash AND expires_at > @Now",
            new { Hash = tokenHash, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return userId is null ? null : Guid.Parse(userId);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_tokens WHERE expires_at <= @Now",
            new { Now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }
}
