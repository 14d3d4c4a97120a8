using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Calendars;

/// <summary>A calendar of the connected account as the routing sees it.</summary>
/// <param name="Id">"primary" for the account's primary calendar (as sync stores it), else Google's calendar id.</param>
/// <param name="AccessRole">The account's role on it (owner, writer, reader, freeBusyReader).</param>
/// <param name="IsDefault">The calendar chosen first (settings); event types not routed elsewhere go there.</param>
/// <param name="Synced">Sync writes event types to it or imports from it (it has its own sync token and push channel).</param>
/// <param name="EventTypes">The event types written to it.</param>
/// <param name="ChannelExpiresAt">When its push channel expires (renewed before), null when it has none.</param>
/// <param name="LastSyncedAt">When it last finished an incremental or full sync.</param>
public sealed record CalendarOverview(
    string Id,
    string Summary,
    string AccessRole,
    bool Primary,
    bool Writable,
    bool IsDefault,
    bool Synced,
    IReadOnlyList<EventType> EventTypes,
    bool ImportForeignEvents,
    DateTimeOffset? ChannelExpiresAt,
    DateTimeOffset? LastSyncedAt);
