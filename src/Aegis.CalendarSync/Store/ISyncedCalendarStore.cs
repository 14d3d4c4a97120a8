using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Store;

/// <summary>The calendars a user syncs besides the default one (table calendar_sync_calendars). The routing of a user
/// is written as one set (<see cref="ReplaceRoutingAsync"/>); each calendar's sync state is written on its own.</summary>
public interface ISyncedCalendarStore
{
    /// <summary>The user's further synced calendars, ordered by calendar id.</summary>
    Task<IReadOnlyList<SyncedCalendar>> ListAsync(Guid userId, CancellationToken ct);
    Task<SyncedCalendar?> GetAsync(Guid userId, string calendarId, CancellationToken ct);
    /// <summary>Calendars of users who can sync whose channel expires before <paramref name="before"/> or that have none.</summary>
    Task<IReadOnlyList<SyncedCalendar>> ListChannelsExpiringBeforeAsync(DateTimeOffset before, CancellationToken ct);
    /// <summary>In one transaction: the user's rows become exactly <paramref name="calendars"/>. A calendar kept keeps its
    /// sync state (token, channel, message number, sync times); only its event types and import flag are replaced; a new one
    /// starts with the channel given on it (a row's channel columns are taken only for a new row); a dropped one is deleted.</summary>
    Task ReplaceRoutingAsync(Guid userId, IReadOnlyList<SyncedCalendar> calendars, CancellationToken ct);
    /// <summary>Stores a newly registered channel of the calendar (last_message_number reset).</summary>
    Task SaveChannelAsync(Guid userId, string calendarId, string channelId, string? resourceId, DateTimeOffset expiresAt, CancellationToken ct);
    Task SetSyncTokenAsync(Guid userId, string calendarId, string? syncToken, CancellationToken ct);
    /// <summary>Records a finished sync of the calendar (and a full one when <paramref name="full"/>).</summary>
    Task MarkSyncedAsync(Guid userId, string calendarId, DateTimeOffset at, bool full, CancellationToken ct);
}
