using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>One row per (user, calendar, Google event); a repeated failure updates the row in one statement.</summary>
internal sealed class SqlInboundFailureStore(SqlStoreContext db) : IInboundFailureStore
{
    public async Task RecordAsync(Guid userId, string googleCalendarId, string googleEventId, string reason, DateTimeOffset at,
        CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            """
            INSERT INTO calendar_sync_inbound_failures (user_id, google_calendar_id, google_event_id, reason, attempts,
                first_failed_at, last_failed_at)
            VALUES (@userId, @calendarId, @eventId, @reason, 1, @at, @at)
            ON CONFLICT (user_id, google_calendar_id, google_event_id) DO UPDATE
               SET reason = excluded.reason, attempts = calendar_sync_inbound_failures.attempts + 1,
                   last_failed_at = excluded.last_failed_at
            """,
            new { userId = db.Dialect.Id(userId), calendarId = googleCalendarId, eventId = googleEventId, reason, at = db.Dialect.Time(at) },
            ct)).ConfigureAwait(false);
    }

    public async Task<bool> ClearAsync(Guid userId, string googleCalendarId, string googleEventId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(
            """
            DELETE FROM calendar_sync_inbound_failures
             WHERE user_id = @userId AND google_calendar_id = @calendarId AND google_event_id = @eventId
            """,
            new { userId = db.Dialect.Id(userId), calendarId = googleCalendarId, eventId = googleEventId }, ct)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<InboundFailure>> ListAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<InboundFailureRow>(Db.Command(
            $"""
            SELECT {InboundFailureRow.Columns} FROM calendar_sync_inbound_failures
             WHERE user_id = @userId ORDER BY first_failed_at, google_event_id
            """,
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }
}
