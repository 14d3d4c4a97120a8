using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>calendar_sync_calendars on either engine. <see cref="SetSyncTokenAsync"/> and <see cref="MarkSyncedAsync"/>
/// are keyed by (user, calendar) whichever row holds that calendar's state: the default calendar's on
/// calendar_sync_settings (matched by its calendar_id), any other's here; exactly one of the two statements matches.</summary>
internal sealed class SqlSyncedCalendarStore(SqlStoreContext db) : ISyncedCalendarStore
{
    private const string Select = $"SELECT {SyncedCalendarRow.Columns} FROM calendar_sync_calendars";

    /// <summary>Inside a claimed batch's outbound item: the calendars the batch loaded (unless written since).</summary>
    public async Task<IReadOnlyList<SyncedCalendar>> ListAsync(Guid userId, CancellationToken ct)
    {
        if (QueueBatchItem.Current is { } item && item.Batch.Snapshot.TryGetCalendars(userId, out var loaded)) return loaded;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SyncedCalendarRow>(Db.Command(
            $"{Select} WHERE user_id = @userId ORDER BY calendar_id", new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<SyncedCalendar?> GetAsync(Guid userId, string calendarId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SyncedCalendarRow>(Db.Command(
            $"{Select} WHERE user_id = @userId AND calendar_id = @calendarId",
            new { userId = db.Dialect.Id(userId), calendarId }, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }

    public async Task<IReadOnlyList<SyncedCalendar>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SyncedCalendarRow>(Db.Command(
            $"{Select} c WHERE (c.google_channel_id IS NULL OR c.channel_expiry_at < @before) " +
            $"AND EXISTS (SELECT 1 FROM calendar_sync_settings WHERE user_id = c.user_id AND {SettingsSql.CanSync}) " +
            "ORDER BY c.channel_expiry_at, c.user_id, c.calendar_id",
            new { before = db.Dialect.Time(before) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task ReplaceRoutingAsync(Guid userId, IReadOnlyList<SyncedCalendar> calendars, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetCalendars(userId);
        if (calendars.Any(c => c.UserId != userId)) throw new ArgumentException("Every calendar must be the user's.", nameof(calendars));
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var kept = calendars.Select(c => c.CalendarId).ToHashSet(StringComparer.Ordinal);
        foreach (var existing in await connection.QueryAsync<string>(Db.Command(
                     "SELECT calendar_id FROM calendar_sync_calendars WHERE user_id = @userId", new { userId = d.Id(userId) }, ct, transaction))
                     .ConfigureAwait(false))
        {
            if (kept.Contains(existing)) continue;
            await connection.ExecuteAsync(Db.Command(
                "DELETE FROM calendar_sync_calendars WHERE user_id = @userId AND calendar_id = @calendarId",
                new { userId = d.Id(userId), calendarId = existing }, ct, transaction)).ConfigureAwait(false);
        }

        foreach (var c in calendars)
        {
            await connection.ExecuteAsync(Db.Command(
                """
                INSERT INTO calendar_sync_calendars (user_id, calendar_id, event_types, import_foreign_events, google_channel_id,
                    google_resource_id, channel_expiry_at, last_message_number, updated_at)
                VALUES (@userId, @calendarId, @types, @import, @channelId, @resourceId, @expiresAt, 0, @now)
                ON CONFLICT (user_id, calendar_id) DO UPDATE SET
                    event_types = excluded.event_types, import_foreign_events = excluded.import_foreign_events,
                    updated_at = excluded.updated_at
                """,
                new
                {
                    userId = d.Id(userId), calendarId = c.CalendarId, types = SyncedCalendarRow.TypesText(c.EventTypes),
                    import = c.ImportForeignEvents, channelId = c.GoogleChannelId, resourceId = c.GoogleResourceId,
                    expiresAt = d.Time(c.ChannelExpiryAt), now = d.Time(db.Now()),
                }, ct, transaction)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task SaveChannelAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset expiresAt,
        CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetCalendars(userId);
        var d = db.Dialect;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "UPDATE calendar_sync_calendars SET google_channel_id = @channelId, google_resource_id = @resourceId, " +
            "channel_expiry_at = @expiresAt, last_message_number = 0, updated_at = @now WHERE user_id = @userId AND calendar_id = @calendarId",
            new { userId = d.Id(userId), calendarId, channelId, resourceId, expiresAt = d.Time(expiresAt), now = d.Time(db.Now()) }, ct))
            .ConfigureAwait(false);
    }

    public Task SetSyncTokenAsync(Guid userId, string calendarId, string? syncToken, CancellationToken ct) =>
        UpdateBothAsync("sync_token = @syncToken", userId, calendarId, new { syncToken }, ct);

    public Task MarkSyncedAsync(Guid userId, string calendarId, DateTimeOffset at, bool full, CancellationToken ct) =>
        UpdateBothAsync(full ? "last_synced_at = @at, last_full_sync_at = @at" : "last_synced_at = @at", userId, calendarId,
            new { at = db.Dialect.Time(at) }, ct);

    private async Task UpdateBothAsync(string set, Guid userId, string calendarId, object values, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetCalendars(userId);
        var args = new DynamicParameters(values);
        args.Add("userId", db.Dialect.Id(userId));
        args.Add("calendarId", calendarId);
        args.Add("now", db.Dialect.Time(db.Now()));
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var table in new[] { "calendar_sync_settings", "calendar_sync_calendars" })
        {
            await connection.ExecuteAsync(Db.Command(
                $"UPDATE {table} SET {set}, updated_at = @now WHERE user_id = @userId AND calendar_id = @calendarId", args, ct, transaction))
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }
}
