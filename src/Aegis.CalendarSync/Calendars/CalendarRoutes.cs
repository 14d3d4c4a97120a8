using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Calendars;

/// <summary>Reads a user's <see cref="CalendarRouting"/> (the settings row plus the further synced calendars).</summary>
public sealed class CalendarRoutes(ISyncedCalendarStore calendars)
{
    public async Task<CalendarRouting> GetAsync(CalendarSyncSettings settings, CancellationToken ct) =>
        new(settings, await calendars.ListAsync(settings.UserId, ct).ConfigureAwait(false));
}
