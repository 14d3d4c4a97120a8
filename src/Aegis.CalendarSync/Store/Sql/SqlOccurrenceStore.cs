using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>created_at/updated_at are stamped from the injected clock. An override is written only when its series
/// exists for that user (the foreign key keeps it from outliving a hard delete), so it never belongs to another
/// user's event; the insert-or-update is one <c>ON CONFLICT DO UPDATE</c> statement.</summary>
internal sealed class SqlOccurrenceStore(SqlStoreContext db, IQueueSignal signal) : IOccurrenceStore
{
    public async Task<OccurrenceOverride?> GetAsync(Guid userId, Guid financialEventId, DateTimeOffset originalStart, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<OccurrenceOverrideRow>(Db.Command(
            $"SELECT {OccurrenceOverrideRow.Columns} FROM occurrence_overrides " +
            "WHERE user_id = @userId AND financial_event_id = @eventId AND original_start = @originalStart",
            Key(userId, financialEventId, originalStart), ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    public async Task<IReadOnlyList<OccurrenceOverride>> ListAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<OccurrenceOverrideRow>(Db.Command(
            $"SELECT {OccurrenceOverrideRow.Columns} FROM occurrence_overrides " +
            "WHERE user_id = @userId AND financial_event_id = @eventId ORDER BY original_start",
            new { userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<bool> UpsertAsync(OccurrenceOverride o, CancellationToken ct)
    {
        var d = db.Dialect;
        var now = db.Now();
        int rows;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        {
            var exists = await connection.ExecuteScalarAsync<int>(Db.Command(
                "SELECT COUNT(*) FROM financial_events WHERE user_id = @userId AND id = @eventId",
                new { userId = d.Id(o.UserId), eventId = d.Id(o.FinancialEventId) }, ct)).ConfigureAwait(false);
            if (exists == 0)
            {
                return false;
            }

            rows = await OutboundEnqueue.ExecuteAsync(connection, d,
                """
                INSERT INTO occurrence_overrides (user_id, financial_event_id, original_start, status, amount, start_at, end_at,
                    title, created_at, updated_at, sync_source)
                VALUES (@userId, @eventId, @originalStart, @status, @amount, @startAt, @endAt, @title, @now, @now, @source)
                ON CONFLICT (user_id, financial_event_id, original_start) DO UPDATE
                   SET status = excluded.status, amount = excluded.amount, start_at = excluded.start_at,
                       end_at = excluded.end_at, title = excluded.title,
                       updated_at = CASE WHEN {same} THEN occurrence_overrides.updated_at ELSE excluded.updated_at END,
                       sync_source = CASE WHEN {same} THEN occurrence_overrides.sync_source ELSE excluded.sync_source END
                """.Replace("{same}", Unchanged(d), StringComparison.Ordinal),
                new
                {
                    userId = d.Id(o.UserId), eventId = d.Id(o.FinancialEventId), originalStart = d.Time(o.OriginalStart),
                    status = EnumText.ToText(o.Status), amount = o.Amount, startAt = d.Time(o.StartAt), endAt = d.Time(o.EndAt),
                    title = o.Title, now = d.Time(now), source = EnumText.ToText(o.SyncSource),
                }, o.UserId, o.FinancialEventId, o.SyncSource, now, ct).ConfigureAwait(false);
        }

        if (rows == 1 && !d.SignalsInDatabase && o.SyncSource != SyncSource.Google) signal.Notify();
        return rows == 1;
    }

    public async Task RecordSyncAsync(Guid userId, Guid financialEventId, DateTimeOffset originalStart, string? googleEtag,
        string? contentHash, DateTimeOffset? syncedVersionAt, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE occurrence_overrides SET google_etag = @etag, content_hash = @hash, " +
            "synced_version_at = COALESCE(@version, synced_version_at) " +
            "WHERE user_id = @userId AND financial_event_id = @eventId AND original_start = @originalStart",
            new
            {
                userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId),
                originalStart = db.Dialect.Time(originalStart), etag = googleEtag, hash = contentHash,
                version = db.Dialect.Time(syncedVersionAt),
            }, ct)).ConfigureAwait(false);
    }

    /// <summary>True in the upsert's update when every content column already holds the value saved.</summary>
    private static string Unchanged(SqlDialect d) => string.Join(" AND ",
        new[] { "status", "amount", "start_at", "end_at", "title" }.Select(c => d.IsSame($"occurrence_overrides.{c}", $"excluded.{c}")));

    public async Task<int> MoveAsync(Guid userId, Guid fromEventId, Guid toEventId, DateTimeOffset from, CancellationToken ct)
    {
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            """
            UPDATE occurrence_overrides SET financial_event_id = @toId
             WHERE user_id = @userId AND financial_event_id = @fromId AND original_start >= @from
               AND EXISTS (SELECT 1 FROM financial_events e WHERE e.user_id = @userId AND e.id = @toId)
            """,
            new { userId = d.Id(userId), fromId = d.Id(fromEventId), toId = d.Id(toEventId), from = d.Time(from) }, ct))
            .ConfigureAwait(false);
    }

    private object Key(Guid userId, Guid financialEventId, DateTimeOffset originalStart) => new
    {
        userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId), originalStart = db.Dialect.Time(originalStart),
    };
}
