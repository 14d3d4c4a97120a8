using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class MappingRow
{
    public const string Columns =
        "user_id AS UserId, financial_event_id AS FinancialEventId, google_calendar_id AS GoogleCalendarId, " +
        "google_event_id AS GoogleEventId, google_etag AS GoogleEtag, content_hash AS ContentHash, " +
        "remote_content_hash AS RemoteContentHash, html_link AS HtmlLink, " +
        "sync_source AS SyncSource, last_modified_at AS LastModifiedAt, last_synced_at AS LastSyncedAt, version AS Version, connection_id AS ConnectionId, " +
        "synced_amount AS SyncedAmount, synced_currency AS SyncedCurrency, synced_event_type AS SyncedEventType, " +
        "synced_status AS SyncedStatus, synced_category AS SyncedCategory";

    public object UserId { get; init; } = null!;
    public object FinancialEventId { get; init; } = null!;
    public string GoogleCalendarId { get; init; } = "";
    public string GoogleEventId { get; init; } = "";
    public string? GoogleEtag { get; init; }
    public string? ContentHash { get; init; }
    public string? RemoteContentHash { get; init; }
    public string? HtmlLink { get; init; }
    public string SyncSource { get; init; } = "";
    public object LastModifiedAt { get; init; } = null!;
    public object? LastSyncedAt { get; init; }
    public long Version { get; init; }
    public string? ConnectionId { get; init; }
    public object? SyncedAmount { get; init; }
    public string? SyncedCurrency { get; init; }
    public string? SyncedEventType { get; init; }
    public string? SyncedStatus { get; init; }
    public string? SyncedCategory { get; init; }

    public CalendarSyncMapping ToModel() => new()
    {
        UserId = DbValue.ToGuid(UserId),
        FinancialEventId = DbValue.ToGuid(FinancialEventId),
        GoogleCalendarId = GoogleCalendarId,
        GoogleEventId = GoogleEventId,
        GoogleEtag = GoogleEtag,
        ContentHash = ContentHash,
        RemoteContentHash = RemoteContentHash,
        HtmlLink = HtmlLink,
        SyncSource = EnumText.Parse<Model.SyncSource>(SyncSource),
        LastModifiedAt = DbValue.ToTime(LastModifiedAt),
        LastSyncedAt = DbValue.ToNullableTime(LastSyncedAt),
        Version = Version,
        ConnectionId = ConnectionId,
        Synced = SyncedCurrency is null || SyncedAmount is null or DBNull || SyncedEventType is null || SyncedStatus is null
            ? null
            : new SyncedValues(DbValue.ToDecimal(SyncedAmount), SyncedCurrency, EnumText.Parse<EventType>(SyncedEventType),
                EnumText.Parse<EventStatus>(SyncedStatus), SyncedCategory),
    };
}
