using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync.Preview;

namespace Aegis.CalendarSync.Application.Sync;

/// <summary>The user's decision about a new connection's first sync (every connect, reconnects included, waits for
/// it): the preview of what it would do (nothing written anywhere), Start (the sync runs) or Cancel (the connection is
/// removed: channel stopped if any, grant revoked, tokens deleted). Each answers <see cref="FirstSyncResult.NotAwaiting"/>
/// when the connection does not await the go-ahead, having changed nothing.</summary>
public sealed class FirstSyncCommands(
    ISettingsStore settings,
    FirstSyncPreviewer previewer,
    FirstSyncStart start,
    GoogleOAuthConnection oauth)
{
    internal const string GoogleUnavailableMessage = "Google Calendar could not be reached just now; nothing was changed. Try again in a moment.";

    public async Task<FirstSyncResult> PreviewAsync(Guid userId, CancellationToken ct)
    {
        if (await AwaitingAsync(userId, ct).ConfigureAwait(false) is not { } awaiting) return await RefusalAsync(userId, ct).ConfigureAwait(false);
        try
        {
            return new FirstSyncResult.Previewed(await previewer.PreviewAsync(awaiting, ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (IsGoogleUnavailable(ex))
        {
            return new FirstSyncResult.GoogleUnavailable(GoogleUnavailableMessage);
        }
    }

    public async Task<FirstSyncResult> StartAsync(Guid userId, CancellationToken ct)
    {
        try
        {
            return await start.StartAsync(userId, ct).ConfigureAwait(false)
                ? FirstSyncResult.Started.Instance
                : await RefusalAsync(userId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsGoogleUnavailable(ex))
        {
            return new FirstSyncResult.GoogleUnavailable(GoogleUnavailableMessage);
        }
    }

    public async Task<FirstSyncResult> CancelAsync(Guid userId, CancellationToken ct)
    {
        if (await AwaitingAsync(userId, ct).ConfigureAwait(false) is null) return await RefusalAsync(userId, ct).ConfigureAwait(false);
        await oauth.DisconnectAsync(userId, ct).ConfigureAwait(false);
        return FirstSyncResult.Cancelled.Instance;
    }

    private async Task<CalendarSyncSettings?> AwaitingAsync(Guid userId, CancellationToken ct) =>
        await settings.GetAsync(userId, ct).ConfigureAwait(false) is { AwaitsStart: true } s ? s : null;

    private async Task<FirstSyncResult> RefusalAsync(Guid userId, CancellationToken ct) =>
        new FirstSyncResult.NotAwaiting(NeverConnected: await settings.GetAsync(userId, ct).ConfigureAwait(false) is not { IsConnected: true });

    private static bool IsGoogleUnavailable(Exception ex) => ex is GoogleApiException or HttpRequestException;
}
