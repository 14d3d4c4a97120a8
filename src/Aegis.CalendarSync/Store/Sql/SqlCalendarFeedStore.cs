using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Reads for the feed. The head query is the whole cost of an unchanged poll: a unique-index lookup of the
/// token hash and an index-only aggregate over the user's revision rows.</summary>
internal sealed class SqlCalendarFeedStore(SqlStoreContext db) : ICalendarFeedStore
{
    public async Task<FeedHead?> FindHeadAsync(string tokenHash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<FeedHeadRow>(Db.Command(
            """
            SELECT t.user_id AS UserId, COUNT(r.financial_event_id) AS EventCount,
                   COALESCE(SUM(r.revision), 0) AS RevisionSum, MAX(r.changed_at) AS LastChangedAt
              FROM calendar_feed_tokens t
              LEFT JOIN financial_event_revisions r ON r.user_id = t.user_id
             WHERE t.token_hash = @hash AND t.revoked_at IS NULL
             GROUP BY t.user_id
            """, new { hash = tokenHash }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    public async Task<IReadOnlyList<FeedEvent>> ListEventsAsync(Guid userId, FeedFilter filter, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("userId", db.Dialect.Id(userId));
        var types = InList(args, "type", filter.Types.Select(EnumText.ToText));
        var statuses = InList(args, "status", filter.Statuses.Select(EnumText.ToText));
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<FinancialEventRow, RevisionRow, FeedEvent>(Db.Command(
            $"""
            SELECT {FinancialEventRow.Columns}, r.revision AS Revision
              FROM financial_events
              JOIN (SELECT financial_event_id AS revision_event_id, revision FROM financial_event_revisions) r
                ON r.revision_event_id = financial_events.id
             WHERE user_id = @userId AND deleted_at IS NULL AND event_type IN ({types}) AND status IN ({statuses})
             ORDER BY start_at, id
            """, args, ct), (e, r) => new FeedEvent(e.ToModel(), r.Revision), splitOn: nameof(RevisionRow.Revision)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>One parameter per value (the same SQL on both engines; Npgsql would otherwise bind a list as an array).</summary>
    private static string InList(DynamicParameters args, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"{prefix}{names.Count}";
            args.Add(name, value);
            names.Add("@" + name);
        }

        return string.Join(", ", names);
    }
}
