using Aegis.CalendarSync.Application.EventSync;
using Aegis.CalendarSync.Application.Progress;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>One statement for the Events page: the user's settings row, each live event with its mapping, its newest
/// outbound queue item not completed (the (user_id, financial_event_id, id) queue index), its open conflicts (the
/// conflicts' user index), its held deletion (primary key) and the newest inbound failure of its Google event or of one of its instances
/// (<c>{id}_{start}</c>, the failures' primary key prefix). A user without events still gets one row, for the
/// connection.</summary>
internal sealed class SqlEventSyncReader(SqlStoreContext db) : IEventSyncReader
{
    private const string Sql =
        $"""
        SELECT s.user_id AS SettingsUserId, COALESCE(s.{SettingsSql.IsConnected}, FALSE) AS Connected,
               COALESCE(s.enabled, FALSE) AS Enabled, s.disabled_reason AS DisabledReason,
               e.id AS EventId, q.status AS QueueStatus, q.retry_count AS RetryCount, q.last_error AS LastError,
               q.next_attempt_at AS NextAttemptAt,
               (SELECT COUNT(*) FROM sync_conflicts c
                 WHERE c.user_id = e.user_id AND c.financial_event_id = e.id AND c.status = 'open') AS OpenConflicts,
               (SELECT COUNT(*) FROM held_deletions h WHERE h.user_id = e.user_id AND h.financial_event_id = e.id) AS HeldDeletions,
               (SELECT f.reason FROM calendar_sync_inbound_failures f
                 WHERE f.user_id = m.user_id AND f.google_calendar_id = m.google_calendar_id
                   AND (f.google_event_id = m.google_event_id OR f.google_event_id LIKE m.google_event_id || '\_%' ESCAPE '\')
                 ORDER BY f.last_failed_at DESC LIMIT 1) AS InboundFailure,
               m.google_event_id AS GoogleEventId, m.last_synced_at AS LastSyncedAt, m.html_link AS HtmlLink
          FROM (SELECT @userId AS user_id) u
          LEFT JOIN calendar_sync_settings s ON s.user_id = u.user_id
          LEFT JOIN financial_events e ON e.user_id = u.user_id AND e.deleted_at IS NULL
          LEFT JOIN calendar_sync_mapping m ON m.user_id = e.user_id AND m.financial_event_id = e.id
          LEFT JOIN (SELECT financial_event_id, MAX(id) AS id FROM sync_queue
                      WHERE user_id = @userId AND sync_direction = 'to_google' AND status <> 'completed'
                      GROUP BY financial_event_id) open_item ON open_item.financial_event_id = e.id
          LEFT JOIN sync_queue q ON q.id = open_item.id
        """;

    public async Task<EventSyncSnapshot> ReadAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<Row>(Db.Command(Sql, new { userId = db.Dialect.Id(userId) }, ct)).ConfigureAwait(false)).ToList();
        var first = rows.FirstOrDefault();
        var state = first?.SettingsUserId is null ? ConnectionState.NotConnected : new ConnectionState(first.Connected, first.Enabled, first.DisabledReason);
        var events = rows.Where(r => r.EventId is not null).Select(r => r.ToFacts()).ToDictionary(f => f.EventId);
        return new EventSyncSnapshot(state, events);
    }

    private sealed class Row
    {
        public object? SettingsUserId { get; init; }
        public bool Connected { get; init; }
        public bool Enabled { get; init; }
        public string? DisabledReason { get; init; }
        public object? EventId { get; init; }
        public string? QueueStatus { get; init; }
        public int? RetryCount { get; init; }
        public string? LastError { get; init; }
        public object? NextAttemptAt { get; init; }
        public long OpenConflicts { get; init; }
        public long HeldDeletions { get; init; }
        public string? InboundFailure { get; init; }
        public string? GoogleEventId { get; init; }
        public object? LastSyncedAt { get; init; }
        public string? HtmlLink { get; init; }

        public EventSyncFacts ToFacts() => new(
            DbValue.ToGuid(EventId!),
            QueueStatus is null ? null : EnumText.Parse<Model.QueueStatus>(QueueStatus),
            RetryCount ?? 0,
            LastError,
            DbValue.ToNullableTime(NextAttemptAt),
            OpenConflicts,
            HeldDeletions > 0,
            InboundFailure,
            GoogleEventId is not null,
            DbValue.ToNullableTime(LastSyncedAt),
            HtmlLink);
    }
}
