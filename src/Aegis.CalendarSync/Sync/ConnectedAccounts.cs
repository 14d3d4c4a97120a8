using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Sync;

/// <summary>Settings of users whose sync is on and who hold Google tokens; anyone else gets no API call.</summary>
internal sealed class ConnectedAccounts(ISettingsStore settings)
{
    public async Task<CalendarSyncSettings?> FindAsync(Guid userId, CancellationToken ct)
    {
        var s = await settings.GetAsync(userId, ct).ConfigureAwait(false);
        return s is { CanSync: true } ? s : null;
    }

    public static GoogleAccount AccountOf(CalendarSyncSettings settings) => new(settings.UserId);
}
