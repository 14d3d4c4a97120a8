using System.Globalization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Connection.Push;

/// <summary>DESIGN §4 push rules: look the channel up, compare the token in constant time, check resource id and
/// expiry, drop duplicate message numbers, treat <c>sync</c> as the handshake, and turn <c>exists</c>/<c>not_exists</c>
/// into one coalesced from_google incremental sync of the channel's calendar for the channel's user (the store wakes
/// the queue), due after the trailing debounce of <see cref="ConnectionOptions.PushDebounce"/>. Every synced calendar
/// has its own channel: the push names it, so only that calendar is listed.</summary>
public sealed class PushNotificationHandler(ISettingsStore settings, ISyncQueueStore queue, IOptions<ConnectionOptions> options, TimeProvider time)
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
        if (!await settings.TryAdvanceMessageNumberAsync(channel.UserId, push.ChannelId, messageNumber, ct).ConfigureAwait(false))
            return PushOutcome.DuplicateMessage;

        switch (push.ResourceState)
        {
            case SyncState:
                return PushOutcome.Handshake;
            case "exists" or "not_exists":
                await queue.EnqueueFromGoogleAsync(channel.UserId, QueueAction.IncrementalSync, channel.CalendarId,
                    options.Value.PushQueueDebounce, ct).ConfigureAwait(false);
                return PushOutcome.Enqueued;
            default:
                return PushOutcome.UnknownState;
        }
    }
}
