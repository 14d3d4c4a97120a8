using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;
using Npgsql;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Revoked tokens are kept (revoked_at set), never reused: a token hash is unique across all rows.</summary>
internal sealed class SqlFeedTokenStore(SqlStoreContext db) : IFeedTokenStore
{
    private const int ReplaceAttempts = 3;

    public async Task<FeedTokenInfo?> GetLiveAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<FeedTokenRow>(Db.Command(
            $"SELECT {FeedTokenRow.Columns} FROM calendar_feed_tokens WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    /// <summary>Concurrent replacements for one user are serialised by a row lock on the user (a no-op UPDATE, portable
    /// to both engines; SQLite write transactions are exclusive anyway), so each revokes the previous one's token. The
    /// partial unique index stays the guarantee; a violation of it is retried.</summary>
    public async Task<FeedTokenInfo> ReplaceAsync(Guid userId, string tokenHash, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryReplaceAsync(userId, tokenHash, ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < ReplaceAttempts)
            {
            }
        }
    }

    public async Task<bool> RevokeAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_feed_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId = db.Dialect.Id(userId), now = db.Dialect.Time(db.Now()) }, ct)).ConfigureAwait(false);
        return rows > 0;
    }

    private async Task<FeedTokenInfo> TryReplaceAsync(Guid userId, string tokenHash, CancellationToken ct)
    {
        var d = db.Dialect;
        var info = new FeedTokenInfo(Guid.NewGuid(), db.Now());
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command("UPDATE users SET id = id WHERE id = @userId", new { userId = d.Id(userId) }, ct, transaction))
            .ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_feed_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId = d.Id(userId), now = d.Time(info.CreatedAt) }, ct, transaction)).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "INSERT INTO calendar_feed_tokens (id, user_id, token_hash, created_at) VALUES (@id, @userId, @hash, @now)",
            new { id = d.Id(info.Id), userId = d.Id(userId), hash = tokenHash, now = d.Time(info.CreatedAt) }, ct, transaction))
            .ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return info;
    }
}
