using Aegis.CalendarSync.Calendars;
using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

/// <summary>A calendar of the connected account: its access role, whether sync uses it, the event types written to it,
/// its import flag, its push channel's expiry and when it last synced. <c>default</c>: the calendar chosen first (the
/// types routed nowhere else go there).</summary>
public sealed record SyncCalendarResponse(
    string Id,
    string Summary,
    string AccessRole,
    bool Primary,
    bool Writable,
    bool Default,
    bool Synced,
    IReadOnlyList<EventType> EventTypes,
    bool ImportForeignEvents,
    DateTimeOffset? ChannelExpiresAt,
    DateTimeOffset? LastSyncedAt)
{
    public static SyncCalendarResponse From(CalendarOverview c) => new(c.Id, c.Summary, c.AccessRole, c.Primary, c.Writable, c.IsDefault,
        c.Synced, c.EventTypes, c.ImportForeignEvents, c.ChannelExpiresAt, c.LastSyncedAt);
}
