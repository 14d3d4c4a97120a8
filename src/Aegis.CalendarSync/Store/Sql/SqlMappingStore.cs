using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>Optimistic locking: an insert (no expected version) succeeds only if no mapping exists for the event or
/// the Google event; an update only if the stored version still equals the expected one, and bumps it.
/// Inside a claimed batch's outbound item (<see cref="QueueBatchItem.Current"/>) the mappings the batch loaded are read
/// from it and written to it (same checks against the loaded version), committed with the batch.</summary>
internal sealed class SqlMappingStore(SqlStoreContext db) : IMappingStore
{
    public Task<CalendarSyncMapping?> GetByEventAsync(Guid userId, Guid financialEventId, CancellationToken ct) =>
        QueueBatchItem.Current is { } item && item.TryGetMapping(userId, financialEventId, out var batched)
            ? Task.FromResult(batched)
            : QuerySingleAsync("user_id = @userId AND financial_event_id = @eventId",
            new { userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId) }, ct);

    public async Task<CalendarSyncMapping?> GetByGoogleIdAsync(Guid userId, string googleCalendarId, string googleEventId, CancellationToken ct)
    {
        var found = await QuerySingleAsync("user_id = @userId AND google_calendar_id = @calendarId AND google_event_id = @googleEventId",
            new { userId = db.Dialect.Id(userId), calendarId = googleCalendarId, googleEventId }, ct).ConfigureAwait(false);
        return QueueBatchItem.Current is { } item ? item.ResolveByGoogleId(userId, googleCalendarId, googleEventId, found) : found;
    }

    public async Task<IReadOnlyList<CalendarSyncMapping>> ListByGoogleIdsAsync(Guid userId, string googleCalendarId,
        IReadOnlyCollection<string> googleEventIds, CancellationToken ct)
    {
        if (googleEventIds.Count == 0) return [];
        var args = new DynamicParameters(new { userId = db.Dialect.Id(userId), calendarId = googleCalendarId });
        var ids = SqlInList.Add(args, "g", googleEventIds);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MappingRow>(Db.Command(
            $"SELECT {MappingRow.Columns} FROM calendar_sync_mapping " +
            $"WHERE user_id = @userId AND google_calendar_id = @calendarId AND google_event_id IN {ids}", args, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<IReadOnlyList<CalendarSyncMapping>> ListByEventsAsync(Guid userId, IReadOnlyCollection<Guid> financialEventIds,
        CancellationToken ct)
    {
        if (financialEventIds.Count == 0) return [];
        var args = new DynamicParameters(new { userId = db.Dialect.Id(userId) });
        var ids = SqlInList.Add(args, "e", financialEventIds.Select(db.Dialect.Id));
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MappingRow>(Db.Command(
            $"SELECT {MappingRow.Columns} FROM calendar_sync_mapping WHERE user_id = @userId AND financial_event_id IN {ids}",
            args, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<IReadOnlyList<CalendarSyncMapping>> ListAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MappingRow>(Db.Command(
            $"SELECT {MappingRow.Columns} FROM calendar_sync_mapping WHERE user_id = @userId ORDER BY financial_event_id",
            new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<bool> UpsertAsync(CalendarSyncMapping mapping, long? expectedVersion, CancellationToken ct)
    {
        if (QueueBatchItem.Current?.TryUpsertMapping(mapping, expectedVersion) is { } buffered) return buffered;
        var d = db.Dialect;
        var args = new
        {
            userId = d.Id(mapping.UserId), eventId = d.Id(mapping.FinancialEventId), calendarId = mapping.GoogleCalendarId,
            googleEventId = mapping.GoogleEventId, etag = mapping.GoogleEtag, hash = mapping.ContentHash, remoteHash = mapping.RemoteContentHash, htmlLink = mapping.HtmlLink,
            source = EnumText.ToText(mapping.SyncSource), modifiedAt = d.Time(mapping.LastModifiedAt),
            syncedAt = d.Time(mapping.LastSyncedAt), expected = expectedVersion, connectionId = mapping.ConnectionId,
            syncedAmount = mapping.Synced?.Amount, syncedCurrency = mapping.Synced?.Currency,
            syncedType = mapping.Synced is { } t ? EnumText.ToText(t.EventType) : null,
            syncedStatus = mapping.Synced is { } s ? EnumText.ToText(s.Status) : null, syncedCategory = mapping.Synced?.Category,
        };
        var sql = expectedVersion is null
            ? """
              INSERT INTO calendar_sync_mapping (user_id, financial_event_id, google_calendar_id, google_event_id, google_etag,
                  content_hash, remote_content_hash, html_link, sync_source, last_modified_at, last_synced_at, version, connection_id,
                  synced_amount, synced_currency, synced_event_type, synced_status, synced_category)
              VALUES (@userId, @eventId, @calendarId, @googleEventId, @etag, @hash, @remoteHash, @htmlLink, @source, @modifiedAt, @syncedAt, 1, @connectionId,
                  @syncedAmount, @syncedCurrency, @syncedType, @syncedStatus, @syncedCategory)
              ON CONFLICT DO NOTHING
              """
            : """
              UPDATE calendar_sync_mapping
                 SET google_calendar_id = @calendarId, google_event_id = @googleEventId, google_etag = @etag,
                     content_hash = @hash, remote_content_hash = @remoteHash, html_link = @htmlLink, sync_source = @source,
                     last_modified_at = @modifiedAt, last_synced_at = @syncedAt, connection_id = @connectionId,
                     synced_amount = @syncedAmount, synced_currency = @syncedCurrency, synced_event_type = @syncedType,
                     synced_status = @syncedStatus, synced_category = @syncedCategory, version = version + 1
               WHERE user_id = @userId AND financial_event_id = @eventId AND version = @expected
              """;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(Db.Command(sql, args, ct)).ConfigureAwait(false) == 1;
    }

    public async Task DeleteAsync(Guid userId, Guid financialEventId, CancellationToken ct)
    {
        if (QueueBatchItem.Current?.TryDeleteMapping(userId, financialEventId) == true) return;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "DELETE FROM calendar_sync_mapping WHERE user_id = @userId AND financial_event_id = @eventId",
            new { userId = db.Dialect.Id(userId), eventId = db.Dialect.Id(financialEventId) }, ct)).ConfigureAwait(false);
    }

    private async Task<CalendarSyncMapping?> QuerySingleAsync(string where, object args, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<MappingRow>(Db.Command(
            $"SELECT {MappingRow.Columns} FROM calendar_sync_mapping WHERE {where}", args, ct)).ConfigureAwait(false);
        return row?.ToModel();
    }
}
