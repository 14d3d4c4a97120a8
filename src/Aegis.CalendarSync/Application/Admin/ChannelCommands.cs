using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Application.Admin;

/// <summary>Operator view of the Google push channels: every connected user's channel and its expiry, and a renewal
/// pass through the engine's <see cref="ChannelRenewal"/> policy (the same one the server's scheduled job runs).</summary>
public sealed class ChannelCommands(ISettingsStore settings, ChannelRenewal renewal)
{
    /// <summary>Settings of every connected user (a Google account linked), ordered by user id.</summary>
    public async Task<IReadOnlyList<CalendarSyncSettings>> ListAsync(CancellationToken ct) =>
        (await settings.ListAllAsync(ct).ConfigureAwait(false)).Where(s => s.IsConnected).ToList();

    public Task<IReadOnlyList<ChannelRenewalResult>> RenewDueAsync(CancellationToken ct) => renewal.RenewDueAsync(ct);
}
