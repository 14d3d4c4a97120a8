using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

internal sealed class SqlHeldDeletionStore(SqlStoreContext db) : IHeldDeletionStore
{
    public async Task HoldAsync(IReadOnlyCollection<HeldDeletion> held, CancellationToken ct)
    {
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var h in held)
        {
            await connection.ExecuteAsync(Db.Command(
                """
                INSERT INTO held_deletions (user_id, financial_event_id, google_calendar_id, google_event_id, held_at)
                VALUES (@userId, @eventId, @calendarId, @googleEventId, @heldAt)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    userId = d.Id(h.UserId), eventId = d.Id(h.FinancialEventId), calendarId = h.GoogleCalendarId,
                    googleEventId = h.GoogleEventId, heldAt = d.Time(h.HeldAt),
                }, ct, transaction)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HeldDeletion>> ListAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<HeldDeletionRow>(Db.Command(
            $"SELECT {HeldDeletionRow.Columns} FROM held_deletions WHERE user_id = @userId ORDER BY held_at, financial_event_id",
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<bool> ReleaseAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            "DELETE FROM held_deletions WHERE user_id = @userId AND financial_event_id = @eventId",
            new { userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId) }, ct)).ConfigureAwait(false) == 1;
    }
}
