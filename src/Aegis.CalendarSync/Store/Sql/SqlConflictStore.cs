using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Conflicts kept for manual resolution; every read and write is scoped by user id.</summary>
internal sealed class SqlConflictStore(SqlStoreContext db) : IConflictStore
{
    private static readonly string Open = EnumText.ToText(ConflictStatus.Open);

    public async Task<long> AddAsync(SyncConflict conflict, CancellationToken ct)
    {
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(Db.Command(
            $"""
            INSERT INTO sync_conflicts (user_id, financial_event_id, google_event_id, local_version, google_version, status, created_at)
            VALUES (@userId, @eventId, @googleEventId, {d.Json("@localVersion")}, {d.Json("@googleVersion")}, @open, @createdAt)
            RETURNING id
            """,
            new
            {
                userId = d.Id(conflict.UserId), eventId = d.Id(conflict.FinancialEventId), googleEventId = conflict.GoogleEventId,
                localVersion = conflict.LocalVersion, googleVersion = conflict.GoogleVersion, open = Open,
                createdAt = d.Time(conflict.CreatedAt == default ? db.Now() : conflict.CreatedAt),
            }, ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SyncConflict>> ListOpenAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ConflictRow>(Db.Command(
            $"SELECT {ConflictRow.Columns} FROM sync_conflicts WHERE user_id = @userId AND status = @open ORDER BY id",
            new { userId = db.Dialect.Id(userId), open = Open }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<SyncConflict?> GetAsync(Guid userId, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ConflictRow>(Db.Command(
            $"SELECT {ConflictRow.Columns} FROM sync_conflicts WHERE user_id = @userId AND id = @id",
            new { userId = db.Dialect.Id(userId), id }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    public async Task<bool> MarkResolvedAsync(Guid userId, long id, ConflictStatus status, DateTimeOffset at, CancellationToken ct)
    {
        if (status == ConflictStatus.Open)
            throw new ArgumentOutOfRangeException(nameof(status), status, "Expected a resolved status.");
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "UPDATE sync_conflicts SET status = @status, resolved_at = @at WHERE user_id = @userId AND id = @id AND status = @open",
            new { userId = db.Dialect.Id(userId), id, status = EnumText.ToText(status), at = db.Dialect.Time(at), open = Open }, ct)).ConfigureAwait(false) == 1;
    }
}
