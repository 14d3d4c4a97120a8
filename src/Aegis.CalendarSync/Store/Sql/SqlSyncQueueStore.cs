using System.Data.Common;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The sync queue on either engine.
/// <para>Claim: one UPDATE ... WHERE id IN (candidates) RETURNING, inside a write transaction (SQLite: BEGIN
/// IMMEDIATE, so no other writer runs between choosing and marking; PostgreSQL: FOR UPDATE SKIP LOCKED, so
/// concurrent claimers skip each other's rows instead of waiting). A candidate is processing work whose lease
/// expired (first, oldest expiry first) or due pending work (in the order it fell due, then by id). Per-(user, event) order: a candidate is skipped while an older item of the same key is
/// pending or processing, or any item of that key holds a live lease; so a batch never holds two items of one key.
/// Calendar-wide from_google items (null event) share one key per user, so one user's inbound syncs never overlap.</para>
/// <para>Fencing: every later write matches id, lease_id and status 'processing', so a worker whose lease expired
/// and was re-claimed by another cannot overwrite that worker's result.</para></summary>
internal sealed class SqlSyncQueueStore(SqlStoreContext db, IQueueSignal signal) : ISyncQueueStore
{
    private const string Fence = "id = @id AND lease_id = @lease AND status = 'processing'";

    /// <summary>A pending inbound item due later than this (a slow retry) is made due (after the debounce's quiet time)
    /// by a new request for the same work: a push from Google or a "Sync now" shows Google answers again, and the user
    /// should not wait hours. A quick retry's backoff (seconds) is kept.</summary>
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);

    public Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, CancellationToken ct) =>
        EnqueueFromGoogleAsync(userId, action, QueueDebounce.None, ct);

    public Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, QueueDebounce debounce, CancellationToken ct) =>
        EnqueueFromGoogleAsync(userId, action, null, debounce, ct);

    public async Task<long> EnqueueFromGoogleAsync(Guid userId, QueueAction action, string? calendarId, QueueDebounce debounce,
        CancellationToken ct) =>
        (await EnqueueFromGoogleCoreAsync(userId, action, calendarId, debounce, null, ct).ConfigureAwait(false))!.Value;

    /// <summary>One transaction: the channel's message number, then (unless a duplicate and
    /// <paramref name="onlyIfAdvanced"/>) the coalesced enqueue. So a push window's write costs one commit, and no
    /// advanced number is ever left without its enqueue.</summary>
    public async Task<bool> EnqueuePushedSyncAsync(Guid userId, string channelId, long messageNumber, string? calendarId,
        QueueDebounce debounce, bool onlyIfAdvanced, CancellationToken ct)
    {
        var advanced = false;
        var id = await EnqueueFromGoogleCoreAsync(userId, QueueAction.IncrementalSync, calendarId, debounce,
            async (connection, transaction) =>
            {
                advanced = await MessageNumberSql.TryAdvanceAsync(db, connection, transaction, userId, channelId, messageNumber, ct)
                    .ConfigureAwait(false);
                return advanced || !onlyIfAdvanced;
            }, ct).ConfigureAwait(false);
        return id is not null && advanced;
    }

    /// <summary>The coalesced from_google enqueue, under the user's queue lock; <paramref name="first"/> runs in the same
    /// transaction after the lock and before the enqueue, and returning false makes the transaction write nothing more
    /// (result null).</summary>
    private async Task<long?> EnqueueFromGoogleCoreAsync(Guid userId, QueueAction action, string? calendarId, QueueDebounce debounce,
        Func<DbConnection, DbTransaction, Task<bool>>? first, CancellationToken ct)
    {
        if (action is not (QueueAction.IncrementalSync or QueueAction.FullSync))
            throw new ArgumentOutOfRangeException(nameof(action), action, "from_google work is incremental_sync or full_sync.");
        ArgumentNullException.ThrowIfNull(debounce);
        var now = db.Now();
        using var enqueue = SyncTracing.StartEnqueue(userId, SyncDirection.FromGoogle, null);
        enqueue?.SetTag(SyncTracing.QueueAction, EnumText.ToText(action));
        var args = new
        {
            userId = db.Dialect.Id(userId), action = EnumText.ToText(action), now = db.Dialect.Time(now),
            due = db.Dialect.Time(now + debounce.Quiet),
            // created_at + max delay < now + quiet: the pending item has waited as long as it may, keep its due time.
            capBefore = db.Dialect.Time(now + debounce.Quiet - debounce.MaxDelay),
            soon = db.Dialect.Time(now + LongWait),
            traceParent = SyncTracing.TraceParent(enqueue),
            calendarId,
        };
        long id;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await db.Dialect.LockUserQueueAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            if (first is not null && !await first(connection, transaction).ConfigureAwait(false))
            {
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return null;
            }

            if (debounce.Quiet == TimeSpan.Zero)
            {
                // Work asked for now (a user's "Sync now", a switch, a Start) runs behind the user's pending inbound items
                // (one key per user): any of them merely waiting for the push debounce (not backing off) falls due now
                // too, so the request never waits for a debounce window.
                await connection.ExecuteAsync(Db.Command(
                    "UPDATE sync_queue SET next_attempt_at = @now, updated_at = @now " +
                    "WHERE user_id = @userId AND sync_direction = 'from_google' AND status = 'pending' AND retry_count = 0 " +
                    "AND next_attempt_at > @now", args, ct, transaction)).ConfigureAwait(false);
            }

            var existing = await connection.QueryFirstOrDefaultAsync<long?>(Db.Command(
                "UPDATE sync_queue SET updated_at = @now, trace_parent = COALESCE(@traceParent, trace_parent), next_attempt_at = CASE " +
                "WHEN retry_count > 0 AND next_attempt_at > @soon THEN @due " +
                "WHEN retry_count > 0 THEN next_attempt_at " +
                "WHEN next_attempt_at <= @due AND (next_attempt_at <= @now OR created_at < @capBefore) THEN next_attempt_at " +
                "ELSE @due END " +
                "WHERE user_id = @userId AND sync_direction = 'from_google' AND action = @action AND status = 'pending' " +
                "AND google_calendar_id IS NOT DISTINCT FROM @calendarId " +
                "RETURNING id", args, ct, transaction)).ConfigureAwait(false);
            id = existing ?? await connection.ExecuteScalarAsync<long>(Db.Command(
                "INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count, " +
                "next_attempt_at, created_at, updated_at, trace_parent, google_calendar_id) " +
                "VALUES (@userId, NULL, 'from_google', @action, 'pending', 0, @due, @now, @now, @traceParent, @calendarId) RETURNING id",
                args, ct, transaction)).ConfigureAwait(false);
            await NotifyInTransactionAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        enqueue?.SetTag(SyncTracing.QueueItemId, id);
        SignalInProcess();
        return id;
    }

    /// <summary>Pending work of <paramref name="alias"/> that is due and whose user is not awaiting the go-ahead for a
    /// first sync (that work waits, unclaimed, until the user presses Start or cancels).</summary>
    private static string DuePending(string alias) =>
        $"{alias}.status = 'pending' AND {alias}.next_attempt_at <= @now AND NOT {SettingsSql.AwaitsStart(alias + ".user_id")}";

    /// <summary>The first entry of ix_sync_queue_due whose user is not awaiting the go-ahead.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var due = await connection.ExecuteScalarAsync<object?>(Db.Command(
            $"SELECT q.next_attempt_at FROM sync_queue q WHERE q.status = 'pending' AND NOT {SettingsSql.AwaitsStart("q.user_id")} " +
            "ORDER BY q.next_attempt_at LIMIT 1", null, ct))
            .ConfigureAwait(false);
        return DbValue.ToNullableTime(due);
    }

    public async Task<IReadOnlyList<SyncQueueItem>> ClaimAsync(int batchSize, TimeSpan lease, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = db.Now();
        var args = new
        {
            lease = db.Dialect.Id(Guid.NewGuid()), until = db.Dialect.Time(now + lease), now = db.Dialect.Time(now), batchSize,
        };
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (db.Dialect.ClaimPlanningSql is { } planning)
        {
            await connection.ExecuteAsync(Db.Command(planning, null, ct, transaction)).ConfigureAwait(false);
        }

        var rows = await connection.QueryAsync<SyncQueueRow>(Db.Command(ClaimSql, args, ct, transaction)).ConfigureAwait(false);
        var items = rows.Select(r => r.ToModel()).OrderBy(i => i.Id).ToList();
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return items;
    }

    /// <summary>The claim, one statement (parameters @lease, @until, @now, @batchSize): expired leases first, then the
    /// due work of the user of the oldest claimable due item.</summary>
    internal string ClaimSql => $"""
            UPDATE sync_queue
               SET status = 'processing', lease_id = @lease, locked_until = @until, updated_at = @now
             WHERE id IN (
                SELECT id FROM ({Candidates("c.status = 'processing' AND c.locked_until < @now", "c.locked_until, c.id")}) expired
                UNION ALL
                SELECT id FROM ({Candidates($"{DuePending("c")} AND c.user_id = ({FirstDueUser})", "c.next_attempt_at, c.id")}) due
                LIMIT @batchSize)
            RETURNING {SyncQueueRow.Columns}
            """;

    /// <summary>Up to @batchSize claimable rows matching <paramref name="due"/> in <paramref name="order"/>, each the
    /// oldest active item of its key with no live lease on that key. Every predicate is one the partial indexes of
    /// migration 0012 serve (ix_sync_queue_due / ix_sync_queue_lease_expiry walked in order, ix_sync_queue_active_key
    /// probed per candidate), so the cost depends on the batch, not on how many rows are queued or backing off.
    /// The key check is fenced as a per-candidate probe (<see cref="SqlDialect.CorrelatedProbeFence"/>): a queue's
    /// statistics are usually taken while it is drained, so PostgreSQL then expects about one pending row and plans the
    /// check as an anti-join that scans every active row (and the dead index entries of drained ones) for each
    /// candidate. Measured: 78,125 buffers for a claim of 50 among 4,000 pending rows after 30,000 drained ones, 2,019
    /// fenced (statistics fresh: 2,625 and 2,739); the bench's claims took up to 7.8 s unfenced
    /// (<c>PostgresClaimPlanTests</c>, bench/README).</summary>
    private string Candidates(string due, string order, string column = "c.id", string limit = "@batchSize") => $"""
        SELECT {column} FROM sync_queue c
         WHERE {due}
           AND NOT EXISTS (
               SELECT 1 FROM sync_queue o
                WHERE o.user_id = c.user_id
                  AND COALESCE(o.financial_event_id, o.user_id) = COALESCE(c.financial_event_id, c.user_id)
                  AND o.status IN ('pending', 'processing')
                  AND o.id <> c.id
                  AND (o.id < c.id OR (o.status = 'processing' AND o.locked_until >= @now))
                {db.Dialect.CorrelatedProbeFence})
         ORDER BY {order}
         LIMIT {limit}
         {db.Dialect.ClaimLockClause}
        """;

    /// <summary>The user of the oldest claimable due item: a claim's due work is one user's, so a batch's changes of
    /// that user go to Google together (one batch request per up to 50 calls) instead of a few of each of many users.
    /// Fair across users: the next claim starts again from the oldest claimable due item, another user's once this
    /// user's older work is claimed; a user whose oldest item waits behind a live lease holds up no one (it is not a
    /// candidate). ix_sync_queue_due finds this item and ix_sync_queue_user_due (migration 0022) walks that user's due
    /// work, so the cost stays that of the batch at any queue size.</summary>
    private string FirstDueUser => Candidates(DuePending("c"), "c.next_attempt_at, c.id", "c.user_id", "1");

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

    /// <summary>Inside a claimed batch's outbound item, no statement when the batch's load found no dead letter of the event.</summary>
    public async Task<IReadOnlyList<SyncQueueItem>> CloseFailedForEventAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        if (QueueBatchItem.Current?.Batch.Snapshot is { } snapshot)
        {
            if (!snapshot.MayHaveDeadLetters(userId, financialEventId)) return [];
            snapshot.ClearDeadLetters(userId, financialEventId);
        }

        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SyncQueueRow>(Db.Command(
            "UPDATE sync_queue SET status = 'completed', updated_at = @now, lease_id = NULL, locked_until = NULL " +
            $"WHERE user_id = @userId AND financial_event_id = @eventId AND status = 'failed' RETURNING {SyncQueueRow.Columns}",
            new { userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId), now = db.Dialect.Time(db.Now()) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

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

    public async Task<int> EnqueueToGoogleAsync(Guid userId, IReadOnlyCollection<Guid> financialEventIds, CancellationToken ct)
    {
        var queued = 0;
        var now = db.Dialect.Time(db.Now());
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await db.Dialect.LockUserQueueAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            foreach (var eventId in financialEventIds.Distinct())
            {
                queued += await connection.ExecuteAsync(Db.Command(
                    "INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count, " +
                    "next_attempt_at, created_at, updated_at) " +
                    "SELECT @userId, @eventId, 'to_google', 'upsert', 'pending', 0, @now, @now, @now " +
                    "WHERE NOT EXISTS (SELECT 1 FROM sync_queue WHERE user_id = @userId AND financial_event_id = @eventId " +
                    "AND sync_direction = 'to_google' AND status = 'pending')",
                    new { userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(eventId), now }, ct, transaction)).ConfigureAwait(false);
            }

            if (queued > 0) await NotifyInTransactionAsync(connection, transaction, userId, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        if (queued > 0) SignalInProcess();
        return queued;
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

    public async Task<IReadOnlyList<TitledQueueItem>> ListTitledAsync(Guid userId, QueueStatus? status, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        // The title is joined on user_id too, so an item can only ever show its own user's event.
        var rows = await connection.QueryAsync<TitledQueueRow>(Db.Command(
            $"SELECT {SyncQueueRow.QualifiedColumns("q")}, e.title AS EventTitle FROM sync_queue q " +
            "LEFT JOIN financial_events e ON e.id = q.financial_event_id AND e.user_id = q.user_id WHERE q.user_id = @userId" +
            (status is null ? "" : " AND q.status = @status") + " ORDER BY q.id DESC LIMIT @limit",
            new { userId = db.Dialect.Id(userId), status = status is { } s ? EnumText.ToText(s) : null, limit }, ct))
            .ConfigureAwait(false);
        return rows.Select(r => new TitledQueueItem(r.ToModel(), r.EventTitle)).ToList();
    }

    public async Task<bool> ResolveFailedAsync(Guid userId, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "UPDATE sync_queue SET status = 'completed', updated_at = @now, lease_id = NULL, locked_until = NULL " +
            "WHERE id = @id AND user_id = @userId AND status = 'failed'",
            new { id, userId = db.Dialect.Id(userId), now = db.Dialect.Time(db.Now()) }, ct)).ConfigureAwait(false) == 1;
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
