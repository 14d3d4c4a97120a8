using Aegis.CalendarSync.Server.Auth;
using Dapper;

namespace Aegis.CalendarSync.Server.Persistence;

public sealed class SqlCredentialStore(ServerDatabase database, TimeProvider time) : ICredentialStore
{
    public async Task<string?> GetPasswordHashAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT password_hash FROM app_user_credentials WHERE user_id = @UserId",
            new { UserId = userId.ToString("D") }, cancellationToken: ct));
    }

    public async Task SetPasswordHashAsync(Guid userId, string passwordHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO app_user_credentials (user_id, password_hash, updated_at) VALUES (@UserId, @Hash, @Now)
            ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
            """,
            new { UserId = userId.ToString("D"), Hash = passwordHash, Now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }
}
