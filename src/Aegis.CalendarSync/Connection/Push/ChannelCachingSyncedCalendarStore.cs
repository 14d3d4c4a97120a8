using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>The further calendars' store as the engine uses it: every write that can change a further calendar's
/// channel (a new or renewed channel, a routing change adding or dropping calendars) drops the user's rows from the
/// webhook's <see cref="PushChannelCache"/>, as <see cref="ChannelCachingSettingsStore"/> does for the default calendar's,
/// so this process never validates a push against a replaced or dropped channel of any calendar.</summary>
internal sealed class ChannelCachingSyncedCalendarStore(SqlSyncedCalendarStore inner, PushChannelCache cache) : ISyncedCalendarStore
{
    public Task<IReadOnlyList<SyncedCalendar>> ListAsync(Guid userId, CancellationToken ct) => inner.ListAsync(userId, ct);

    public Task<SyncedCalendar?> GetAsync(Guid userId, string calendarId, CancellationToken ct) => inner.GetAsync(userId, calendarId, ct);

    public Task<IReadOnlyList<SyncedCalendar>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        inner.ListChannelsExpiringBeforeAsync(before, ct);

    public Task ReplaceRoutingAsync(Guid userId, IReadOnlyList<SyncedCalendar> calendars, CancellationToken ct) =>
        cache.InvalidatingAsync(userId, () => inner.ReplaceRoutingAsync(userId, calendars, ct));

    public Task SaveChannelAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct) =>
        cache.InvalidatingAsync(userId, () => inner.SaveChannelAsync(userId, calendarId, channelId, resourceId, expiresAt, ct));

    public Task SetSyncTokenAsync(Guid userId, string calendarId, string? syncToken, CancellationToken ct) =>
        inner.SetSyncTokenAsync(userId, calendarId, syncToken, ct);

    public Task MarkSyncedAsync(Guid userId, string calendarId, DateTimeOffset at, bool full, CancellationToken ct) =>
        inner.MarkSyncedAsync(userId, calendarId, at, full, ct);
}
