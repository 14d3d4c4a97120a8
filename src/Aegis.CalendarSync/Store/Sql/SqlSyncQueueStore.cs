using System.Data.Common;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The sync queue on either engine.
/// <para>Claim: one UPDATE ... WHERE id IN (candidates) RETURNING, inside a write transaction (SQLite: BEGIN
/// IMMEDIATE, so no other writer runs between choosing and marking; PostgreSQL: FOR UPDATE SKIP LOCKED, so
/// concurrent claimers skip each other's rows instead of waiting). A candidate is due pending work or processing
/// work whose lease expired. Per-(user, event) order: a candidate is skipped while an older item of the same key is
/// pending or processing, or any item of that key holds a live lease; so a batch never holds two items of one key.
/// Calendar-wide from_google items (null event) share one key per user, so one user's inbound syncs never overlap.</para>
/// <para>Fencing: every later write matches id, lease_id and status 'processing', so a worker whose lease expired
/// and was re-claimed by another cannot overwrite that worker's result.</para></summary>
internal sealed class SqlSyncQueueStore(SqlStoreContext db, IQueueSignal signal) : ISyncQueueStore
{
    private const string Fence = "id = @id AND lease_id = @lease AND status = 'processing'";

    public async Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, CancellationToken ct)
    {
        if (action is not (QueueAction.IncrementalSync or QueueAction.FullSync))
            throw new ArgumentOutOfRangeException(nameof(action), action, "from_google work is incremental_sync or full_sync.");
        var now = db.Dialect.Time(db.Now());
        using var enqueue = SyncTracing.StartEnqueue(userId, SyncDirection.FromGoogle, null);
        enqueue?.SetTag(SyncTracing.QueueAction, EnumText.ToText(action));
        var args = new { userId = db.Dialect.Id(userId), action = EnumText.ToText(action), now, traceParent = SyncTracing.TraceParent(enqueue) };
        long id;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await db.Dialect.LockUserQueueAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            var existing = await connection.QueryFirstOrDefaultAsync<long?>(Db.Command(
                "UPDATE sync_queue SET updated_at = @now, trace_parent = COALESCE(@traceParent, trace_parent), " +
                "next_attempt_at = CASE WHEN retry_count = 0 THEN @now ELSE next_attempt_at END " +
                "WHERE user_id = @userId AND sync_direction = 'from_google' AND action = @action AND status = 'pending' " +
                "RETURNING id", args, ct, transaction)).ConfigureAwait(false);
            id = existing ?? await connection.ExecuteScalarAsync<long>(Db.Command(
                "INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count, " +
                "next_attempt_at, created_at, updated_at, trace_parent) " +
                "VALUES (@userId, NULL, 'from_google', @action, 'pending', 0, @now, @now, @now, @traceParent) RETURNING id",
                args, ct, transaction)).ConfigureAwait(false);
            await NotifyInTransactionAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        enqueue?.SetTag(SyncTracing.QueueItemId, id);
        SignalInProcess();
        return id;
    }

    public async Task<IReadOnlyList<SyncQueueItem>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = db.Now();
        var sql = $"""
            UPDATE sync_queue
               SET status = 'processing', lease_id = @lease, locked_until = @until, updated_at = @now
             WHERE id IN (
                SELECT c.id FROM sync_queue c
                 WHERE ((c.status = 'pending' AND c.next_attempt_at <= @now)
                        OR (c.status = 'processing' AND c.locked_until < @now))
                   AND NOT EXISTS (
                       SELECT 1 FROM sync_queue o
                        WHERE o.user_id = c.user_id
                          AND o.financial_event_id IS NOT DISTINCT FROM c.financial_event_id
                          AND o.id <> c.id
                          AND ((o.id < c.id AND o.status IN ('pending', 'processing'))
                               OR (o.status = 'processing' AND o.locked_until >= @now)))
                 ORDER BY c.id
                 LIMIT @batchSize
                 {db.Dialect.ClaimLockClause})
            RETURNING {SyncQueueRow.Columns}
            """;
        var args = new
        {
            lease = db.Dialect.Id(Guid.NewGuid()), until = db.Dialect.Time(now + lease), now = db.Dialect.Time(now), batchSize,
        };
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SyncQueueRow>(Db.Command(sql, args, ct, transaction)).ConfigureAwait(false);
        var items = rows.Select(r => r.ToModel()).OrderBy(i => i.Id).ToList();
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return items;
    }

    public Task<bool> CompleteAsync(long id, Guid leaseId, CancellationToken ct) =>
        FencedUpdateAsync("status = 'completed', locked_until = NULL, last_error = NULL", id, leaseId, new { }, ct);

    public Task<bool> RetryAsync(long id, Guid leaseId, DateTimeOffset nextAttemptAt, string error, bool deadLetter, CancellationToken ct) =>
        FencedUpdateAsync(
            "status = @status, retry_count = retry_count + 1, next_attempt_at = @next, locked_until = NULL, last_error = @error",
            id, leaseId,
            new
            {
                status = EnumText.ToText(deadLetter ? QueueStatus.Failed : QueueStatus.Pending),
                next = db.Dialect.Time(nextAttemptAt), error,
            }, ct);

    public Task<bool> HeartbeatAsync(long id, Guid leaseId, TimeSpan lease, CancellationToken ct) =>
        FencedUpdateAsync("locked_until = @until", id, leaseId, new { until = db.Dialect.Time(db.Now() + lease) }, ct);

    public async Task<bool> RequeueFailedAsync(Guid userId, long id, CancellationToken ct)
    {
        int rows;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            rows = await connection.ExecuteAsync(Db.Command(
                "UPDATE sync_queue SET status = 'pending', retry_count = 0, next_attempt_at = @now, updated_at = @now, " +
                "lease_id = NULL, locked_until = NULL WHERE id = @id AND user_id = @userId AND status = 'failed'",
                new { id, userId = db.Dialect.Id(userId), now = db.Dialect.Time(db.Now()) }, ct, transaction)).ConfigureAwait(false);
            if (rows == 1) await NotifyInTransactionAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        if (rows == 1) SignalInProcess();
        return rows == 1;
    }

    public async Task<int> RequeueAllFailedAsync(Guid? userId, CancellationToken ct)
    {
        List<string> users;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            users = (await connection.QueryAsync<string>(Db.Command(
                "UPDATE sync_queue SET status = 'pending', retry_count = 0, next_attempt_at = @now, updated_at = @now, " +
                "lease_id = NULL, locked_until = NULL WHERE status = 'failed'" +
                (userId is null ? "" : " AND user_id = @userId") + " RETURNING CAST(user_id AS TEXT)",
                new { userId = db.Dialect.Id(userId), now = db.Dialect.Time(db.Now()) }, ct, transaction))
                .ConfigureAwait(false)).ToList();
            foreach (var user in users.Distinct())
                await NotifyInTransactionAsync(connection, transaction, Guid.Parse(user), ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        if (users.Count > 0) SignalInProcess();
        return users.Count;
    }

    public async Task<IReadOnlyList<SyncQueueItem>> ListFailedAsync(Guid? userId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SyncQueueRow>(Db.Command(
            $"SELECT {SyncQueueRow.Columns} FROM sync_queue WHERE status = 'failed'" +
            (userId is null ? "" : " AND user_id = @userId") + " ORDER BY id DESC LIMIT @limit",
            new { userId = db.Dialect.Id(userId), limit }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<IReadOnlyList<SyncQueueItem>> ListAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SyncQueueRow>(Db.Command(
            $"SELECT {SyncQueueRow.Columns} FROM sync_queue WHERE user_id = @userId" +
            (status is null ? "" : " AND status = @status") + " ORDER BY id DESC LIMIT @limit",
            new { userId = db.Dialect.Id(userId), status = status is { } s ? EnumText.ToText(s) : null, limit }, ct))
            .ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<IReadOnlyDictionary<QueueStatus, long>> CountByStatusAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Status, long Count)>(Db.Command(
            "SELECT status, COUNT(*) FROM sync_queue GROUP BY status", null, ct)).ConfigureAwait(false);
        var counts = Enum.GetValues<QueueStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var (status, count) in rows.ToList()) counts[EnumText.Parse<QueueStatus>(status)] = count;
        return counts;
    }

    /// <summary>Age is measured from updated_at, which completion sets.</summary>
    public async Task<int> PurgeCompletedAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "DELETE FROM sync_queue WHERE status = 'completed' AND updated_at < @olderThan",
            new { olderThan = db.Dialect.Time(olderThan) }, ct)).ConfigureAwait(false);
    }

    private async Task<bool> FencedUpdateAsync(string set, long id, Guid leaseId, object extra, CancellationToken ct)
    {
        var args = new DynamicParameters(extra);
        args.AddDynamicParams(new { id, lease = db.Dialect.Id(leaseId), now = db.Dialect.Time(db.Now()) });
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            $"UPDATE sync_queue SET {set}, updated_at = @now WHERE {Fence}", args, ct)).ConfigureAwait(false) == 1;
    }

    private Task NotifyInTransactionAsync(DbConnection connection, DbTransaction transaction, Guid userId, CancellationToken ct) =>
        db.Dialect.NotifyQueueSql is { } sql
            ? connection.ExecuteAsync(Db.Command(sql, new { userId }, ct, transaction))
            : Task.CompletedTask;

    private void SignalInProcess()
    {
        if (!db.Dialect.SignalsInDatabase) signal.Notify();
    }
}
