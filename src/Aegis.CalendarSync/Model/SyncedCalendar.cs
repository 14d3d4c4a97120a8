namespace Aegis.CalendarSync.Model;

/// <summary>A calendar synced besides the default one (<see cref="CalendarSyncSettings.CalendarId"/>, whose state
/// stays on the settings row): the event types routed to it, whether events Aegis did not create are imported from
/// it, and its own sync state (sync token, push channel, message number, sync times).</summary>
public sealed record SyncedCalendar
{
    public required Guid UserId { get; init; }
    public required string CalendarId { get; init; }
    /// <summary>Event types whose events are written to this calendar (each type goes to exactly one calendar).</summary>
    public IReadOnlySet<EventType> EventTypes { get; init; } = new HashSet<EventType>();
    public bool ImportForeignEvents { get; init; }
    public string? SyncToken { get; init; }
    public string? GoogleChannelId { get; init; }
    public string? GoogleResourceId { get; init; }
    public DateTimeOffset? ChannelExpiryAt { get; init; }
    public long LastMessageNumber { get; init; }
    public DateTimeOffset? LastFullSyncAt { get; init; }
    /// <summary>When this calendar last finished an incremental or full sync.</summary>
    public DateTimeOffset? LastSyncedAt { get; init; }
}
