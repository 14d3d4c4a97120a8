using System.Data.Common;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary><see cref="IInboundPageStore"/> on either engine: one connection, one transaction of at most four
/// statements whatever the page's size (event inserts, event updates, mapping writes: <see cref="MultiRowWrites"/>,
/// audit rows), each reading its rows from one JSON parameter (<see cref="BatchRows"/>).</summary>
internal sealed class SqlInboundPageStore(SqlStoreContext db) : IInboundPageStore
{
    private static readonly (string Name, string Type)[] EventColumns =
    [
        ("id", "uuid"), ("user_id", "uuid"), ("title", "text"), ("description", "text"), ("amount", "numeric"), ("currency", "text"),
        ("event_type", "text"), ("status", "text"), ("start_at", "timestamptz"), ("end_at", "timestamptz"), ("all_day", "boolean"),
        ("time_zone", "text"), ("recurrence", "text"), ("category", "text"), ("location", "text"), ("deleted_at", "timestamptz"),
        ("expected", "timestamptz"),
    ];

    /// <summary>The columns a Google version writes (all but the keys and the expected version).</summary>
    private static readonly string[] Written = [.. EventColumns.Skip(2).SkipLast(1).Select(c => c.Name)];

    public async Task<bool> WriteAsync(InboundPageWrite page, CancellationToken ct)
    {
        if (page.IsEmpty) return true;
        var now = db.Dialect.Time(db.Now());
        var google = EnumText.ToText(SyncSource.Google);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (page.Inserts.Count > 0)
        {
            var rows = Rows(page.Inserts.Select(e => (e, (DateTimeOffset?)null)));
            var columns = string.Join(", ", Written);
            var inserted = await connection.QueryAsync<object>(Db.Command(
                $"INSERT INTO financial_events (id, user_id, {columns}, created_at, updated_at, sync_source) " +
                $"SELECT {BatchRows.Column("id")}, {BatchRows.Column("user_id")}, {string.Join(", ", Written.Select(BatchRows.Column))}, @now, @now, @google " +
                $"FROM {rows.From("@rows")} WHERE true ON CONFLICT DO NOTHING RETURNING id",
                new { rows = rows.Json(), now, google }, ct, transaction)).ConfigureAwait(false);
            if (inserted.Count() != page.Inserts.Count) return await LostAsync(transaction).ConfigureAwait(false);
        }

        if (page.Updates.Count > 0)
        {
            var rows = Rows(page.Updates.Select(u => (u.Event, (DateTimeOffset?)u.ExpectedUpdatedAt)));
            var set = string.Join(", ", Written.Select(c => $"{c} = {BatchRows.Column(c)}"));
            var updated = await connection.QueryAsync<object>(Db.Command(
                $"UPDATE financial_events SET {set}, updated_at = @now, sync_source = @google FROM {rows.From("@rows")} " +
                $"WHERE user_id = {BatchRows.Column("user_id")} AND id = {BatchRows.Column("id")} AND updated_at = {BatchRows.Column("expected")} " +
                "RETURNING id",
                new { rows = rows.Json(), now, google }, ct, transaction)).ConfigureAwait(false);
            if (updated.Count() != page.Updates.Count) return await LostAsync(transaction).ConfigureAwait(false);
        }

        if (page.Mappings.Count > 0
            && (await MultiRowWrites.WriteMappingsAsync(db, connection, transaction, page.Mappings, ct).ConfigureAwait(false)).Count > 0)
        {
            return await LostAsync(transaction).ConfigureAwait(false);
        }

        await MultiRowWrites.WriteAuditsAsync(db, connection, transaction, page.Audits, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private BatchRows Rows(IEnumerable<(FinancialEvent Event, DateTimeOffset? Expected)> events)
    {
        var d = db.Dialect;
        var rows = new BatchRows(d, EventColumns);
        foreach (var (e, expected) in events)
        {
            rows.Add(d.Id(e.Id), d.Id(e.UserId), e.Title, e.Description, d.Amount(e.Amount), e.Currency,
                EnumText.ToText(e.EventType), EnumText.ToText(e.Status), d.Time(e.StartAt), d.Time(e.EndAt), e.AllDay, e.TimeZone,
                e.Recurrence, e.Category, e.Location, d.Time(e.DeletedAt), d.Time(expected));
        }

        return rows;
    }

    private static async Task<bool> LostAsync(DbTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        return false;
    }
}
