using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using System.Globalization;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The dashboard's reads. The notices and the sync health are one statement each of scalar subqueries over
/// the settings primary key, the conflicts' user index, the queue's (user_id, status, created_at) index and the held
/// deletions' primary key (an item "retrying later" is pending after a failed attempt: retry_count > 0 with its
/// error kept, waiting for a quick or slow retry); the outcome and propagation reads walk the audit's (user_id, created_at) index over the
/// window only.</summary>
internal sealed class SqlDashboardReader(SqlStoreContext db, ISyncQueueStore queue) : IDashboardReader
{
    public string DatabaseName => db.Dialect.Name;

    public async Task<AttentionNotices> ReadNoticesAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<NoticesRow>(Db.Command(
            $"""
            SELECT
                (SELECT disabled_reason FROM calendar_sync_settings WHERE user_id = @userId AND enabled = FALSE) AS DisabledReason,
                (SELECT COUNT(*) FROM sync_conflicts WHERE user_id = @userId AND status = 'open') AS OpenConflicts,
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'failed') AS DeadLetters,
                (SELECT COUNT(*) FROM held_deletions WHERE user_id = @userId) AS HeldDeletions,
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'pending' AND retry_count > 0
                    AND last_error IS NOT NULL) AS RetryingLater,
                (SELECT MIN(next_attempt_at) FROM sync_queue WHERE user_id = @userId AND status = 'pending' AND retry_count > 0
                    AND last_error IS NOT NULL) AS NextRetryAt,
                (SELECT COUNT(*) FROM calendar_sync_settings WHERE user_id = @userId AND awaiting_start_since IS NOT NULL
                    AND {SettingsSql.IsConnected}) AS AwaitingStart
            """,
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return new AttentionNotices(row.DisabledReason, row.OpenConflicts, row.DeadLetters, row.HeldDeletions, row.RetryingLater,
            DbValue.ToNullableTime(row.NextRetryAt), AwaitingStart: row.AwaitingStart > 0);
    }

    /// <summary>Actions whose success carries a change of one event across.</summary>
    private static readonly string ChangeActions = Texts(AuditAction.SyncToGoogle, AuditAction.DeleteInGoogle, AuditAction.SyncFromGoogle,
        AuditAction.DeleteFromGoogle);

    /// <summary>Actions that are not the sync's: their failures are not sync failures.</summary>
    private static readonly string NonSyncActions = AuditActionSql.List(AuditActionGroups.Account);

    public async Task<IReadOnlyList<HourlyOutcomes>> ReadHourlyOutcomesAsync(Guid userId, DateTimeOffset since, CancellationToken ct)
    {
        var hour = db.Dialect.HourOf("created_at");
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Hour, long Successes, long Failures, long Conflicts)>(Db.Command(
            $"""
            SELECT {hour},
                SUM(CASE WHEN status = 'success' AND action IN ({ChangeActions}) THEN 1 ELSE 0 END),
                SUM(CASE WHEN status = 'failed' AND action NOT IN ({NonSyncActions}) THEN 1 ELSE 0 END),
                SUM(CASE WHEN action = 'conflict' THEN 1 ELSE 0 END)
            FROM calendar_sync_audit
            WHERE user_id = @userId AND created_at >= @since
            GROUP BY {hour}
            """,
            new { userId = db.Dialect.Id(userId), since = db.Dialect.Time(since) }, ct)).ConfigureAwait(false);
        return rows
            .Select(r => new HourlyOutcomes(DateTimeOffset.ParseExact(r.Hour, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                r.Successes, r.Failures, r.Conflicts))
            .Where(r => r.Successes + r.Failures + r.Conflicts > 0)
            .OrderBy(r => r.Hour)
            .ToList();
    }

    public async Task<IReadOnlyList<PropagationSample>> ReadPropagationAsync(Guid userId, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Action, long Milliseconds)>(Db.Command(
            $"""
            SELECT action, propagation_ms FROM calendar_sync_audit
            WHERE user_id = @userId AND created_at >= @since AND propagation_ms IS NOT NULL AND status = 'success'
                AND action IN ({ChangeActions})
            """,
            new { userId = db.Dialect.Id(userId), since = db.Dialect.Time(since) }, ct)).ConfigureAwait(false);
        return rows.Select(r => new PropagationSample(
            EnumText.Parse<AuditAction>(r.Action) is AuditAction.SyncToGoogle or AuditAction.DeleteInGoogle ? SyncDirection.ToGoogle : SyncDirection.FromGoogle,
            r.Milliseconds)).ToList();
    }

    public async Task<SyncHealth> ReadSyncHealthAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<HealthRow>(Db.Command(
            $"""
            SELECT
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'pending') AS Pending,
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'processing') AS Processing,
                (SELECT COUNT(*) FROM sync_queue WHERE user_id = @userId AND status = 'failed') AS DeadLetters,
                (SELECT MIN(created_at) FROM sync_queue WHERE user_id = @userId AND status = 'pending') AS OldestPendingAt,
                (SELECT COUNT(*) FROM calendar_sync_settings WHERE user_id = @userId AND {SettingsSql.IsConnected}) AS Connected,
                (SELECT COUNT(*) FROM calendar_sync_settings WHERE user_id = @userId AND enabled = TRUE) AS Enabled,
                (SELECT disabled_reason FROM calendar_sync_settings WHERE user_id = @userId) AS DisabledReason,
                (SELECT channel_expiry_at FROM calendar_sync_settings WHERE user_id = @userId) AS ChannelExpiresAt,
                (SELECT MAX(created_at) FROM calendar_sync_audit
                    WHERE user_id = @userId AND status = 'success' AND action IN ({ChangeActions})) AS LastChangeSyncedAt
            """,
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return new SyncHealth(row.Pending, row.Processing, row.DeadLetters, DbValue.ToNullableTime(row.OldestPendingAt),
            row.Connected > 0, row.Enabled > 0, row.DisabledReason, DbValue.ToNullableTime(row.ChannelExpiresAt),
            DbValue.ToNullableTime(row.LastChangeSyncedAt));
    }

    private static string Texts(params AuditAction[] actions) => AuditActionSql.List(actions);

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

    private sealed class HealthRow
    {
        public long Pending { get; init; }
        public long Processing { get; init; }
        public long DeadLetters { get; init; }
        public object? OldestPendingAt { get; init; }
        public long Connected { get; init; }
        public long Enabled { get; init; }
        public string? DisabledReason { get; init; }
        public object? ChannelExpiresAt { get; init; }
        public object? LastChangeSyncedAt { get; init; }
    }

    private sealed class NoticesRow
    {
        public string? DisabledReason { get; init; }
        public long OpenConflicts { get; init; }
        public long DeadLetters { get; init; }
        public long HeldDeletions { get; init; }
        public long RetryingLater { get; init; }
        public object? NextRetryAt { get; init; }
        public long AwaitingStart { get; init; }
    }
}
