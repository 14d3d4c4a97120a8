using Aegis.CalendarSync.Application.Progress;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Reads <c>sync_queue</c>, <c>calendar_sync_settings</c>, <c>sync_conflicts</c> (open ones, by its
/// (user_id, status) index) and <c>calendar_sync_audit</c> (with the title stored in the row, see <see cref="AuditRow"/>)
/// through the store's connections and dialect. The per-user queries use the (user_id, status, created_at)
/// queue index and the settings primary key; the activity query walks the audit primary key from a cursor.</summary>
internal sealed class SqlSyncProgressReader(IDbConnectionFactory connections, SqlDialect dialect) : ISyncProgressReader
{
    public async Task<IReadOnlyDictionary<Guid, UserProgress>> ReadProgressAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var result = userIds.Distinct().ToDictionary(id => id, _ => UserProgress.Empty);
        if (result.Count == 0) return result;
        var (users, parameters) = UserList(result.Keys);
        await using var connection = await connections.OpenAsync(ct);
        var counts = await connection.QueryAsync<(object UserId, string Status, long Count)>(new CommandDefinition(
            $"SELECT user_id, status, COUNT(*) FROM sync_queue WHERE user_id IN ({users}) GROUP BY user_id, status",
            parameters, cancellationToken: ct));
        var settings = await connection.QueryAsync<SettingsRow>(new CommandDefinition(
            $"SELECT user_id AS UserId, {SettingsSql.IsConnected} AS Connected, enabled AS Enabled, " +
            $"disabled_reason AS DisabledReason FROM calendar_sync_settings WHERE user_id IN ({users})",
            parameters, cancellationToken: ct));

        var conflicts = await connection.QueryAsync<(object UserId, long Count)>(new CommandDefinition(
            $"SELECT user_id, COUNT(*) FROM sync_conflicts WHERE status = 'open' AND user_id IN ({users}) GROUP BY user_id",
            parameters, cancellationToken: ct));

        foreach (var (userId, count) in conflicts)
            result[DbValue.ToGuid(userId)] = result[DbValue.ToGuid(userId)] with { OpenConflicts = count };
        foreach (var group in counts.GroupBy(c => DbValue.ToGuid(c.UserId)))
            result[group.Key] = result[group.Key] with { Queue = QueueCounts.From(group.Select(c => (c.Status, c.Count))) };
        foreach (var row in settings)
        {
            var userId = DbValue.ToGuid(row.UserId);
            result[userId] = result[userId] with { Connection = new ConnectionState(row.Connected, row.Enabled, row.DisabledReason) };
        }
        return result;
    }

    /// <summary>Live activity is the user's money events and sync: sign-ins and the other account actions stay in the
    /// audit log only, so they never crowd the feed.</summary>
    private static readonly string AccountActions = AuditActionSql.List(AuditActionGroups.Account);

    public async Task<IReadOnlyList<UserActivity>> ReadActivityAfterAsync(IReadOnlyCollection<Guid> userIds, long afterId, int limit, CancellationToken ct)
    {
        if (userIds.Count == 0) return [];
        var (users, parameters) = UserList(userIds.Distinct());
        parameters.Add("afterId", afterId);
        parameters.Add("limit", limit);
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM {AuditRow.From} WHERE a.id > @afterId AND a.user_id IN ({users}) AND a.action NOT IN ({AccountActions}) ORDER BY a.id LIMIT @limit",
            parameters, cancellationToken: ct));
        return rows.Select(r => r.ToModel()).Select(r => new UserActivity(r.UserId, ActivityEntry.From(r))).ToList();
    }

    public async Task<IReadOnlyList<ActivityEntry>> ReadLatestActivityAsync(Guid userId, int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM {AuditRow.From} WHERE a.user_id = @userId AND a.action NOT IN ({AccountActions}) ORDER BY a.id DESC LIMIT @limit",
            new { userId = dialect.Id(userId), limit }, cancellationToken: ct));
        return rows.Select(r => ActivityEntry.From(r.ToModel())).ToList();
    }

    /// <summary>One named parameter per user: portable across both drivers (Dapper sends a list to Npgsql as one
    /// array parameter, which <c>IN</c> cannot take), and bounded by the number of users with an open stream.</summary>
    private (string Sql, DynamicParameters Parameters) UserList(IEnumerable<Guid> userIds)
    {
        var parameters = new DynamicParameters();
        var names = new List<string>();
        foreach (var userId in userIds)
        {
            var name = "u" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(name, dialect.Id(userId));
            names.Add("@" + name);
        }
        return (string.Join(", ", names), parameters);
    }

    private sealed class SettingsRow
    {
        public object UserId { get; init; } = null!;
        public bool Connected { get; init; }
        public bool Enabled { get; init; }
        public string? DisabledReason { get; init; }
    }
}
