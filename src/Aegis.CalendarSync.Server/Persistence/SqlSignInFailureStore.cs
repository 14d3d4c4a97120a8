using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Server.Persistence;

/// <summary>Table <c>sign_in_failures</c> (store migration 0101). The count is raised in one upsert statement, so
/// concurrent failures on several nodes are all counted; times compare in SQL on both engines (timestamptz, or
/// fixed-width UTC ISO-8601 text on SQLite).</summary>
public sealed class SqlSignInFailureStore(IDbConnectionFactory connections, SqlDialect dialect) : ISignInFailureStore
{
    public async Task<DateTimeOffset?> GetLockedUntilAsync(string accountKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var until = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT locked_until FROM sign_in_failures WHERE account_key = @key AND locked_until > @now",
            new { key = accountKey, now = dialect.Time(now) }, cancellationToken: ct));
        return DbValue.ToNullableTime(until);
    }

    public async Task<int> RecordFailureAsync(string accountKey, DateTimeOffset now, DateTimeOffset windowStart, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var args = new { key = accountKey, now = dialect.Time(now), windowStart = dialect.Time(windowStart) };
        // Rows of accounts whose window is over and that are not locked carry nothing; dropping them keeps the table
        // bounded by the accounts attacked recently.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_failures WHERE window_started_at <= @windowStart AND (locked_until IS NULL OR locked_until <= @now)",
            args, cancellationToken: ct));
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO sign_in_failures (account_key, failures, window_started_at, locked_until) VALUES (@key, 1, @now, NULL)
            ON CONFLICT (account_key) DO UPDATE SET
                failures = CASE WHEN sign_in_failures.window_started_at <= @windowStart THEN 1 ELSE sign_in_failures.failures + 1 END,
                window_started_at = CASE WHEN sign_in_failures.window_started_at <= @windowStart THEN @now ELSE sign_in_failures.window_started_at END
            RETURNING failures
            """, args, cancellationToken: ct));
    }

    public async Task LockAsync(string accountKey, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sign_in_failures (account_key, failures, window_started_at, locked_until) VALUES (@key, 0, @now, @until)
            ON CONFLICT (account_key) DO UPDATE SET failures = 0, window_started_at = @now, locked_until = @until
            """,
            new { key = accountKey, now = dialect.Time(now), until = dialect.Time(until) }, cancellationToken: ct));
    }

    public async Task ResetAsync(string accountKey, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_failures WHERE account_key = @key", new { key = accountKey }, cancellationToken: ct));
    }
}
