using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Append-only audit log, always read per user, newest first.</summary>
internal sealed class SqlAuditStore(SqlStoreContext db) : IAuditStore
{
    /// <summary>created_at is the entry's when set, otherwise the clock's now. Inside a claimed batch's outbound item the
    /// row is written by the batch's commit.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        if (QueueBatchItem.Current is { } item)
        {
            item.Audit(entry.CreatedAt == default ? entry with { CreatedAt = db.Now() } : entry);
            return;
        }

        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            $"""
            INSERT INTO calendar_sync_audit (user_id, action, status, financial_event_id, google_event_id, error_code,
                error_message, conflict_details, duration_ms, created_at, event_title, details, propagation_ms)
            VALUES (@userId, @action, @status, @eventId, @googleEventId, @errorCode, @errorMessage,
                {d.Json("@conflictDetails")}, @durationMs, @createdAt, @eventTitle, @details, @propagationMs)
            """,
            new
            {
                userId = d.Id(entry.UserId), action = EnumText.ToText(entry.Action), status = EnumText.ToText(entry.Status), eventId = d.Id(entry.FinancialEventId),
                googleEventId = entry.GoogleEventId, errorCode = entry.ErrorCode, errorMessage = entry.ErrorMessage,
                conflictDetails = entry.ConflictDetails, durationMs = entry.DurationMs,
                createdAt = d.Time(entry.CreatedAt == default ? db.Now() : entry.CreatedAt),
                eventTitle = entry.EventTitle, details = entry.Details, propagationMs = entry.PropagationMs,
            }, ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(Guid userId, AuditQuery query, CancellationToken ct)
    {
        var where = new List<string> { "a.user_id = @userId" };
        if (query.Action is not null) where.Add("a.action = @action");
        if (query.Status is not null) where.Add("a.status = @status");
        if (query.FinancialEventId is not null) where.Add("a.financial_event_id = @eventId");
        if (query.Since is not null) where.Add("a.created_at >= @since");
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(Db.Command(
            $"SELECT {AuditRow.Columns} FROM {AuditRow.From} WHERE {string.Join(" AND ", where)} " +
            "ORDER BY a.created_at DESC, a.id DESC LIMIT @limit OFFSET @offset",
            new
            {
                userId = db.Dialect.Id(userId), action = EnumText.ToText(query.Action), status = EnumText.ToText(query.Status),
                eventId = db.Dialect.Id(query.FinancialEventId), since = db.Dialect.Time(query.Since),
                limit = query.Limit, offset = query.Offset,
            }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "DELETE FROM calendar_sync_audit WHERE created_at < @olderThan",
            new { olderThan = db.Dialect.Time(olderThan) }, ct)).ConfigureAwait(false);
    }
}
