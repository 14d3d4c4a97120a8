using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The dashboard's reads. The notices are one statement of scalar subqueries over the settings primary
/// key, the conflicts' user index, the queue's (user_id, status, created_at) index and the held deletions' primary key.
/// An item "retrying later" is pending after a failed attempt (retry_count > 0 with its error kept), i.e. waiting for a
/// quick or slow retry.</summary>
internal sealed class SqlDashboardReader(SqlStoreContext db, ISyncQueueStore queue) : IDashboardReader
{
    public string DatabaseName => db.Dialect.Name;

    public async Task<AttentionNotices> ReadNoticesAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<NoticesRow>(Db.Command(
            """
            SELECT
                (SELECT disabled_reason FROM calendar_sync_settings WHERE user_id = @userId AND enabled = FALSE) AS DisabledReason,
                (SELECT COUNT(*) FROM sync_conflicts WHERE user_id = @userId AND status = 'open') AS OpenConflicts,
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'failed') AS DeadLetters,
                (SELECT COUNT(*) FROM held_deletions WHERE user_id = @userId) AS HeldDeletions,
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'pending' AND retry_count > 0
                    AND last_error IS NOT NULL) AS RetryingLater,
                (SELECT MIN(next_attempt_at) FROM sync_queue WHERE user_id = @userId AND status = 'pending' AND retry_count > 0
                    AND last_error IS NOT NULL) AS NextRetryAt
            """,
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return new AttentionNotices(row.DisabledReason, row.OpenConflicts, row.DeadLetters, row.HeldDeletions, row.RetryingLater,
            DbValue.ToNullableTime(row.NextRetryAt));
    }

    public Task<IReadOnlyDictionary<QueueStatus, long>> CountQueueByStatusAsync(CancellationToken ct) => queue.CountByStatusAsync(ct);

    public async Task<long> CountExpiredChannelsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(Db.Command(
            $"SELECT COUNT(*) FROM calendar_sync_settings WHERE {SettingsSql.CanSync} AND channel_expiry_at < @now",
            new { now = db.Dialect.Time(now) }, ct)).ConfigureAwait(false);
    }

    public async Task PingAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteScalarAsync<int>(Db.Command("SELECT 1", null, ct)).ConfigureAwait(false);
    }

    private sealed class NoticesRow
    {
        public string? DisabledReason { get; init; }
        public long OpenConflicts { get; init; }
        public long DeadLetters { get; init; }
        public long HeldDeletions { get; init; }
        public long RetryingLater { get; init; }
        public object? NextRetryAt { get; init; }
    }
}
