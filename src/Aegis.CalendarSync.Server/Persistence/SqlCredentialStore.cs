using System.Data.Common;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Server.Persistence;

/// <summary>Table <c>app_user_credentials</c> (server migration 0100), through the store's connections and dialect.</summary>
public sealed class SqlCredentialStore(IDbConnectionFactory connections, SqlDialect dialect, TimeProvider time) : ICredentialStore
{
    public async Task<string?> GetPasswordHashAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT password_hash FROM app_user_credentials WHERE user_id = @userId",
            new { userId = dialect.Id(userId) }, cancellationToken: ct));
    }

    public async Task SetPasswordHashAsync(Guid userId, string passwordHash, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await UpsertAsync(userId, passwordHash, connection, null, ct);
    }

    public Task SetPasswordHashAsync(Guid userId, string passwordHash, DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        UpsertAsync(userId, passwordHash, connection, transaction, ct);

    private Task UpsertAsync(Guid userId, string passwordHash, DbConnection connection, DbTransaction? transaction, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO app_user_credentials (user_id, password_hash, updated_at) VALUES (@userId, @hash, @now)
            ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
            """,
            new { userId = dialect.Id(userId), hash = passwordHash, now = dialect.Time(time.GetUtcNow()) },
            transaction, cancellationToken: ct));
}
