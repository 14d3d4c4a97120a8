using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>created_at/updated_at are stamped from the injected clock on every write that changes the event (the
/// caller's values are ignored): updated_at is the authoritative local modification time and the trigger's queue timestamp.
/// On SQLite the in-process queue signal is raised after a write that may have enqueued work.</summary>
internal sealed class SqlFinancialEventStore(SqlStoreContext db, IQueueSignal signal) : IFinancialEventStore
{
    /// <summary>The event's content: column and parameter of every field a person edits.</summary>
    private static readonly (string Column, string Parameter)[] Content =
    [
        ("title", "@title"), ("description", "@description"), ("amount", "@amount"), ("currency", "@currency"),
        ("event_type", "@eventType"), ("status", "@status"), ("start_at", "@startAt"), ("end_at", "@endAt"),
        ("all_day", "@allDay"), ("time_zone", "@timeZone"), ("recurrence", "@recurrence"), ("category", "@category"),
        ("location", "@location"),
    ];

    private static readonly string ContentAssignments = string.Join(", ", Content.Select(c => $"{c.Column} = {c.Parameter}"));

    private static readonly string MutableColumns = ContentAssignments + ", updated_at = @updatedAt, sync_source = @syncSource";

    /// <summary>Inside a claimed batch's outbound item: the row the batch loaded (unless written since).</summary>
    public async Task<FinancialEvent?> GetAsync(Guid userId, Guid id, CancellationToken ct, bool includeDeleted = false)
    {
        if (QueueBatchItem.Current is { } item && item.Batch.Snapshot.TryGetEvent(userId, id, out var loaded))
        {
            return includeDeleted || loaded is not { DeletedAt: not null } ? loaded : null;
        }

        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<FinancialEventRow>(Db.Command(
            $"SELECT {FinancialEventRow.Columns} FROM financial_events WHERE user_id = @userId AND id = @id" +
            (includeDeleted ? "" : " AND deleted_at IS NULL"),
            new { userId = db.Dialect.Id(userId), id = db.Dialect.Id(id) }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    public async Task<IReadOnlyList<FinancialEvent>> GetManyAsync(Guid userId, IReadOnlyCollection<Guid> ids, CancellationToken ct,
        bool includeDeleted = false)
    {
        if (ids.Count == 0) return [];
        var args = new DynamicParameters(new { userId = db.Dialect.Id(userId) });
        var list = SqlInList.Add(args, "e", ids.Select(db.Dialect.Id));
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FinancialEventRow>(Db.Command(
            $"SELECT {FinancialEventRow.Columns} FROM financial_events WHERE user_id = @userId AND id IN {list}" +
            (includeDeleted ? "" : " AND deleted_at IS NULL"), args, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    /// <summary>Events overlapping [From, To) (a recurring series: starting before To), ordered by start.</summary>
    public async Task<IReadOnlyList<FinancialEvent>> ListAsync(Guid userId, EventQuery query, CancellationToken ct)
    {
        var where = new List<string> { "user_id = @userId" };
        if (!query.IncludeDeleted) where.Add("deleted_at IS NULL");
        // A series overlaps any window after its start: its recurrence, not end_at, says when it ends.
        if (query.From is not null) where.Add("(end_at > @from OR recurrence IS NOT NULL)");
        if (query.To is not null) where.Add("start_at < @to");
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FinancialEventRow>(Db.Command(
            $"SELECT {FinancialEventRow.Columns} FROM financial_events WHERE {string.Join(" AND ", where)} " +
            "ORDER BY start_at, id LIMIT @limit OFFSET @offset",
            new
            {
                userId = db.Dialect.Id(userId), from = db.Dialect.Time(query.From), to = db.Dialect.Time(query.To),
                limit = query.Limit, offset = query.Offset,
            }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task InsertAsync(FinancialEvent e, CancellationToken ct)
    {
        var now = db.Now();
        await WriteAsync(
            """
            INSERT INTO financial_events (id, user_id, title, description, amount, currency, event_type, status, start_at,
                end_at, all_day, time_zone, recurrence, category, location, created_at, updated_at, deleted_at, sync_source)
            VALUES (@id, @userId, @title, @description, @amount, @currency, @eventType, @status, @startAt,
                @endAt, @allDay, @timeZone, @recurrence, @category, @location, @updatedAt, @updatedAt, @deletedAt, @syncSource)
            """, Parameters(e, now), e.UserId, e.Id, e.SyncSource, now, ct).ConfigureAwait(false);
    }

    /// <summary>A save that changes nothing (every content column already holds the value saved) is no write: the row
    /// keeps its updated_at (the wallet's clock that last-write-wins compares) and its sync_source. The statement still
    /// runs, so a wallet-sourced row still enqueues its push, which the content hash then skips (no API call).</summary>
    public Task<bool> UpdateAsync(FinancialEvent e, CancellationToken ct)
    {
        var now = db.Now();
        var same = string.Join(" AND ", Content.Select(c => db.Dialect.IsSame(c.Column, c.Parameter)));
        return WriteAsync(
            $"UPDATE financial_events SET {ContentAssignments}, updated_at = CASE WHEN {same} THEN updated_at ELSE @updatedAt END, " +
            $"sync_source = CASE WHEN {same} THEN sync_source ELSE @syncSource END WHERE user_id = @userId AND id = @id",
            Parameters(e, now), e.UserId, e.Id, e.SyncSource, now, ct);
    }

    public Task<bool> UpdateIfUnchangedAsync(FinancialEvent e, DateTimeOffset expectedUpdatedAt, CancellationToken ct)
    {
        var now = db.Now();
        var args = new DynamicParameters(Parameters(e, now));
        args.Add("expected", db.Dialect.Time(expectedUpdatedAt));
        return WriteAsync(
            $"UPDATE financial_events SET {MutableColumns}, deleted_at = @deletedAt WHERE user_id = @userId AND id = @id AND updated_at = @expected",
            args, e.UserId, e.Id, e.SyncSource, now, ct);
    }

    public Task<bool> SoftDeleteIfUnchangedAsync(Guid userId, Guid id, SyncSource source, DateTimeOffset at,
        DateTimeOffset expectedUpdatedAt, CancellationToken ct) =>
        SoftDeleteCoreAsync(userId, id, source, at, expectedUpdatedAt, ct);

    public Task<bool> SoftDeleteAsync(Guid userId, Guid id, SyncSource source, DateTimeOffset at, CancellationToken ct) =>
        SoftDeleteCoreAsync(userId, id, source, at, null, ct);

    /// <summary>Soft delete of a live row; with <paramref name="expectedUpdatedAt"/>, only if unchanged since then.</summary>
    private Task<bool> SoftDeleteCoreAsync(Guid userId, Guid id, SyncSource source, DateTimeOffset at,
        DateTimeOffset? expectedUpdatedAt, CancellationToken ct)
    {
        var now = db.Now();
        return WriteAsync(
            "UPDATE financial_events SET deleted_at = @at, updated_at = @now, sync_source = @source " +
            "WHERE user_id = @userId AND id = @id AND deleted_at IS NULL" + (expectedUpdatedAt is null ? "" : " AND updated_at = @expected"),
            new
            {
                userId = db.Dialect.Id(userId), id = db.Dialect.Id(id), at = db.Dialect.Time(at),
                now = db.Dialect.Time(now), source = EnumText.ToText(source), expected = db.Dialect.Time(expectedUpdatedAt),
            }, userId, id, source, now, ct);
    }

    public Task<bool> RestoreAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var now = db.Now();
        return WriteAsync(
            "UPDATE financial_events SET deleted_at = NULL, updated_at = @now, sync_source = @source " +
            "WHERE user_id = @userId AND id = @id AND deleted_at IS NOT NULL",
            new
            {
                userId = db.Dialect.Id(userId), id = db.Dialect.Id(id), now = db.Dialect.Time(now),
                source = EnumText.ToText(SyncSource.Aegis),
            }, userId, id, SyncSource.Aegis, now, ct);
    }

    /// <summary>One write of one event row at <paramref name="now"/> (see <see cref="OutboundEnqueue"/>); true when
    /// the row was written.</summary>
    private async Task<bool> WriteAsync(string sql, object args, Guid userId, Guid id, SyncSource source, DateTimeOffset now,
        CancellationToken ct)
    {
        int rows;
        QueueBatchItem.Current?.Batch.Snapshot.ForgetEvent(userId, id);
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        {
            rows = await OutboundEnqueue.ExecuteAsync(connection, db.Dialect, sql, args, userId, id, source, now, ct).ConfigureAwait(false);
        }
        if (rows == 1) SignalIfEnqueued(source);
        return rows == 1;
    }

    public async Task<IReadOnlyList<FinancialEvent>> ListDeletedAsync(Guid userId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FinancialEventRow>(Db.Command(
            $"SELECT {FinancialEventRow.Columns} FROM financial_events WHERE user_id = @userId AND deleted_at IS NOT NULL " +
            "ORDER BY deleted_at DESC, id LIMIT @limit",
            new { userId = db.Dialect.Id(userId), limit }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<int> PurgeDeletedAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            """
            DELETE FROM financial_events
             WHERE deleted_at IS NOT NULL AND deleted_at < @before
               AND NOT EXISTS (SELECT 1 FROM calendar_sync_mapping m
                                WHERE m.user_id = financial_events.user_id AND m.financial_event_id = financial_events.id)
               AND NOT EXISTS (SELECT 1 FROM sync_queue q
                                WHERE q.user_id = financial_events.user_id AND q.financial_event_id = financial_events.id
                                  AND q.status <> 'completed')
            """, new { before = db.Dialect.Time(before) }, ct)).ConfigureAwait(false);
    }

    private object Parameters(FinancialEvent e, DateTimeOffset now)
    {
        var d = db.Dialect;
        return new
        {
            id = d.Id(e.Id), userId = d.Id(e.UserId), title = e.Title, description = e.Description, amount = e.Amount,
            currency = e.Currency, eventType = EnumText.ToText(e.EventType), status = EnumText.ToText(e.Status),
            startAt = d.Time(e.StartAt), endAt = d.Time(e.EndAt), allDay = e.AllDay, timeZone = e.TimeZone,
            recurrence = e.Recurrence, category = e.Category, location = e.Location, updatedAt = d.Time(now),
            deletedAt = d.Time(e.DeletedAt), syncSource = EnumText.ToText(e.SyncSource),
        };
    }

    private void SignalIfEnqueued(SyncSource source)
    {
        if (!db.Dialect.SignalsInDatabase && source != SyncSource.Google) signal.Notify();
    }
}
