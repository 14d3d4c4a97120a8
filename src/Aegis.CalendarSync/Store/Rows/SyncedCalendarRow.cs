using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class SyncedCalendarRow
{
    public const string Columns =
        "user_id AS UserId, calendar_id AS CalendarId, event_types AS EventTypes, import_foreign_events AS ImportForeignEvents, " +
        "sync_token AS SyncToken, google_channel_id AS GoogleChannelId, google_resource_id AS GoogleResourceId, " +
        "channel_expiry_at AS ChannelExpiryAt, last_message_number AS LastMessageNumber, last_full_sync_at AS LastFullSyncAt, " +
        "last_synced_at AS LastSyncedAt";

    public object UserId { get; init; } = null!;
    public string CalendarId { get; init; } = "";
    public string EventTypes { get; init; } = "";
    public bool ImportForeignEvents { get; init; }
    public string? SyncToken { get; init; }
    public string? GoogleChannelId { get; init; }
    public string? GoogleResourceId { get; init; }
    public object? ChannelExpiryAt { get; init; }
    public long LastMessageNumber { get; init; }
    public object? LastFullSyncAt { get; init; }
    public object? LastSyncedAt { get; init; }

    /// <summary>The stored text of a set of event types: wire names in enum order, comma separated.</summary>
    public static string TypesText(IEnumerable<EventType> types) =>
        string.Join(',', types.Distinct().Order().Select(EnumText.ToText));

    public SyncedCalendar ToModel() => new()
    {
        UserId = DbValue.ToGuid(UserId),
        CalendarId = CalendarId,
        EventTypes = EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EnumText.Parse<EventType>).ToHashSet(),
        ImportForeignEvents = ImportForeignEvents,
        SyncToken = SyncToken,
        GoogleChannelId = GoogleChannelId,
        GoogleResourceId = GoogleResourceId,
        ChannelExpiryAt = DbValue.ToNullableTime(ChannelExpiryAt),
        LastMessageNumber = LastMessageNumber,
        LastFullSyncAt = DbValue.ToNullableTime(LastFullSyncAt),
        LastSyncedAt = DbValue.ToNullableTime(LastSyncedAt),
    };
}
