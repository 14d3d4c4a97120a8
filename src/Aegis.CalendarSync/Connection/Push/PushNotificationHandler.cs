using System.Globalization;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>DESIGN §4 push rules: look the channel up, compare the token in constant time, check resource id and
/// expiry, drop duplicate message numbers, treat <c>sync</c> as the handshake, and turn <c>exists</c>/<c>not_exists</c>
/// into one coalesced from_google incremental sync of the channel's calendar for the channel's user, debounced per
/// channel on this node by <see cref="PushWindows"/> (a valid push within an open window costs no database work: the
/// channel comes from the cache, its message number and its enqueue are written once per window). Every synced
/// calendar has its own channel: the push names it, so only that calendar is listed.</summary>
public sealed class PushNotificationHandler(ISettingsStore settings, PushWindows windows, TimeProvider time)
{
    public const string SyncState = "sync";

    public async Task<PushOutcome> HandleAsync(PushNotification push, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(push.ChannelId) || string.IsNullOrEmpty(push.ResourceState) ||
            !long.TryParse(push.MessageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var messageNumber))
            return PushOutcome.MissingHeaders;

        var channel = await settings.FindByChannelIdAsync(push.ChannelId, ct).ConfigureAwait(false);
        // Google may send a channel's first "sync" message before the watch call has returned and the channel is
        // stored; it carries no change (a full sync follows every connect), so it is acknowledged, not reported.
        if (channel is null) return push.ResourceState == SyncState ? PushOutcome.Handshake : PushOutcome.UnknownChannel;
        if (string.IsNullOrEmpty(channel.WebhookSecret) || !SecretComparer.FixedTimeEquals(push.ChannelToken, channel.WebhookSecret))
            return PushOutcome.InvalidToken;
        if (channel.GoogleResourceId is null || !string.Equals(channel.GoogleResourceId, push.ResourceId, StringComparison.Ordinal))
            return PushOutcome.ResourceMismatch;
        if (channel.ChannelExpiryAt is not { } expiry || expiry <= time.GetUtcNow()) return PushOutcome.ChannelExpired;
        if (!channel.Enabled) return PushOutcome.SyncDisabled;
        switch (push.ResourceState)
        {
            case SyncState:
                return await settings.TryAdvanceMessageNumberAsync(channel.UserId, push.ChannelId, messageNumber, ct).ConfigureAwait(false)
                    ? PushOutcome.Handshake
                    : await RefusedAsync(push.ChannelId, ct).ConfigureAwait(false);
            case "exists" or "not_exists":
                var outcome = await windows.AcceptAsync(channel, push.ChannelId, messageNumber, ct).ConfigureAwait(false);
                return outcome == PushOutcome.DuplicateMessage ? await RefusedAsync(push.ChannelId, ct).ConfigureAwait(false) : outcome;
            default:
                return PushOutcome.UnknownState;
        }
    }

    /// <summary>A message number refused: a duplicate, unless the channel no longer exists. A refusal by the database
    /// dropped the channel's cached row (another node may have replaced the channel), so this reads the database then;
    /// a duplicate this node's window caught is answered from the cache.</summary>
    private async Task<PushOutcome> RefusedAsync(string channelId, CancellationToken ct) =>
        await settings.FindByChannelIdAsync(channelId, ct).ConfigureAwait(false) is null ? PushOutcome.UnknownChannel : PushOutcome.DuplicateMessage;
}
