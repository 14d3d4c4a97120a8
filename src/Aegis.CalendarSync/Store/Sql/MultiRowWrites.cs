using System.Data.Common;
using System.Globalization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Mapping and audit rows written inside the caller's transaction as multi-row statements, each reading its
/// rows from one JSON parameter (<see cref="BatchRows"/>): the outbound batch's commit and the inbound page's write.
/// Mapping writes keep the store's optimistic checks: an update only at the version the caller read, an insert only
/// where no row exists (ON CONFLICT DO NOTHING).</summary>
internal static class MultiRowWrites
{
    private static readonly (string, string)[] MappingColumns =
    [
        ("user_id", "uuid"), ("financial_event_id", "uuid"), ("google_calendar_id", "text"), ("google_event_id", "text"),
        ("google_etag", "text"), ("content_hash", "text"), ("remote_content_hash", "text"), ("html_link", "text"),
        ("sync_source", "text"), ("last_modified_at", "timestamptz"), ("last_synced_at", "timestamptz"), ("version", "bigint"),
        ("connection_id", "text"), ("synced_amount", "numeric"), ("synced_currency", "text"), ("synced_event_type", "text"),
        ("synced_status", "text"), ("synced_category", "text"), ("expected", "bigint"),
    ];

    private static readonly string[] AuditColumnNames =
    [
        "user_id", "action", "status", "financial_event_id", "google_event_id", "error_code", "error_message",
        "conflict_details", "duration_ms", "created_at", "event_title", "details", "propagation_ms",
    ];

    private static readonly (string, string)[] AuditColumns =
    [
        ("user_id", "uuid"), ("action", "text"), ("status", "text"), ("financial_event_id", "uuid"), ("google_event_id", "text"),
        ("error_code", "text"), ("error_message", "text"), ("conflict_details", "text"), ("duration_ms", "bigint"),
        ("created_at", "timestamptz"), ("event_title", "text"), ("details", "text"), ("propagation_ms", "bigint"),
    ];

    /// <summary>Deletes, then updates at the loaded version, then inserts (at most three statements); returns the keys
    /// (user, financial event) of the updates and inserts that wrote nothing (a concurrent writer won).</summary>
    public static async Task<HashSet<(Guid, Guid)>> WriteMappingsAsync(SqlStoreContext db, DbConnection connection, DbTransaction transaction,
        IReadOnlyCollection<MappingWrite> writes, CancellationToken ct)
    {
        var d = db.Dialect;
        var deletes = new BatchRows(d, ("user_id", "uuid"), ("financial_event_id", "uuid"));
        foreach (var write in writes.Where(w => w.DeleteFirst))
        {
            deletes.Add(d.Id(write.UserId), d.Id(write.FinancialEventId));
        }

        if (deletes.Count > 0)
        {
            await connection.ExecuteAsync(Db.Command(
                "DELETE FROM calendar_sync_mapping WHERE (user_id, financial_event_id) IN " +
                $"(SELECT {BatchRows.Column("user_id")}, {BatchRows.Column("financial_event_id")} FROM {deletes.From("@rows")})",
                new { rows = deletes.Json() }, ct, transaction)).ConfigureAwait(false);
        }

        var lost = new HashSet<(Guid, Guid)>();
        var updates = writes.Where(w => w.IsUpdate).ToList();
        if (updates.Count > 0)
        {
            var set = string.Join(", ", MappingColumns.Skip(2).SkipLast(1).Select(c => $"{c.Item1} = {BatchRows.Column(c.Item1)}"));
            var written = await WriteKeyedAsync(db, connection, transaction, updates,
                rows => $"UPDATE calendar_sync_mapping SET {set} FROM {rows} " +
                        $"WHERE user_id = {BatchRows.Column("user_id")} AND financial_event_id = {BatchRows.Column("financial_event_id")} " +
                        $"AND version = {BatchRows.Column("expected")} RETURNING user_id, financial_event_id", ct).ConfigureAwait(false);
            lost.UnionWith(updates.Select(Key).Where(k => !written.Contains(k)));
        }

        var inserts = writes.Where(w => w.IsInsert).ToList();
        if (inserts.Count > 0)
        {
            var columns = MappingColumns.SkipLast(1).Select(c => c.Item1).ToList();
            var written = await WriteKeyedAsync(db, connection, transaction, inserts,
                rows => $"INSERT INTO calendar_sync_mapping ({string.Join(", ", columns)}) " +
                        $"SELECT {string.Join(", ", columns.Select(BatchRows.Column))} FROM {rows} WHERE true " +
                        "ON CONFLICT DO NOTHING RETURNING user_id, financial_event_id", ct).ConfigureAwait(false);
            lost.UnionWith(inserts.Select(Key).Where(k => !written.Contains(k)));
        }

        return lost;
    }

    /// <summary>One INSERT of <paramref name="entries"/> (none: no statement); a row's missing CreatedAt is the clock's now.</summary>
    public static async Task WriteAuditsAsync(SqlStoreContext db, DbConnection connection, DbTransaction transaction,
        IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        var d = db.Dialect;
        var rows = new BatchRows(d, AuditColumns);
        foreach (var e in entries)
        {
            rows.Add(d.Id(e.UserId), EnumText.ToText(e.Action), EnumText.ToText(e.Status), d.Id(e.FinancialEventId), e.GoogleEventId,
                e.ErrorCode, e.ErrorMessage, e.ConflictDetails, e.DurationMs, d.Time(e.CreatedAt == default ? db.Now() : e.CreatedAt),
                e.EventTitle, e.Details, e.PropagationMs);
        }

        if (rows.Count == 0) return;
        var values = AuditColumnNames.Select(c => c == "conflict_details" ? d.Json(BatchRows.Column(c)) : BatchRows.Column(c));
        await connection.ExecuteAsync(Db.Command(
            $"INSERT INTO calendar_sync_audit ({string.Join(", ", AuditColumnNames)}) SELECT {string.Join(", ", values)} FROM {rows.From("@rows")}",
            new { rows = rows.Json() }, ct, transaction)).ConfigureAwait(false);
    }

    private static async Task<HashSet<(Guid, Guid)>> WriteKeyedAsync(SqlStoreContext db, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<MappingWrite> writes, Func<string, string> sql, CancellationToken ct)
    {
        var d = db.Dialect;
        var rows = new BatchRows(d, MappingColumns);
        foreach (var write in writes)
        {
            var m = write.Final!;
            rows.Add(d.Id(m.UserId), d.Id(m.FinancialEventId), m.GoogleCalendarId, m.GoogleEventId, m.GoogleEtag, m.ContentHash,
                m.RemoteContentHash, m.HtmlLink, EnumText.ToText(m.SyncSource), d.Time(m.LastModifiedAt), d.Time(m.LastSyncedAt),
                m.Version, m.ConnectionId, m.Synced?.Amount.ToString(CultureInfo.InvariantCulture), m.Synced?.Currency,
                m.Synced is { } t ? EnumText.ToText(t.EventType) : null, m.Synced is { } st ? EnumText.ToText(st.Status) : null,
                m.Synced?.Category, write.LoadedVersion);
        }

        var keys = await connection.QueryAsync<(object UserId, object EventId)>(Db.Command(
            sql(rows.From("@rows")), new { rows = rows.Json() }, ct, transaction)).ConfigureAwait(false);
        return [.. keys.Select(k => (DbValue.ToGuid(k.UserId), DbValue.ToGuid(k.EventId)))];
    }

    private static (Guid, Guid) Key(MappingWrite write) => (write.UserId, write.FinancialEventId);
}
