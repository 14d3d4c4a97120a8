using System.Globalization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Server.Observability;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Webhooks;

/// <summary>DESIGN §4 webhook rules: look the channel up, compare the token in constant time, check resource id and
/// expiry, drop duplicate message numbers, treat <c>sync</c> as the handshake, and turn <c>exists</c>/<c>not_exists</c>
/// into one coalesced from_google incremental sync for the channel's user.</summary>
public sealed class GoogleWebhookHandler(
    ISettingsStore settings,
    ISyncQueueStore queue,
    IQueueSignal signal,
    SyncMetrics metrics,
    TimeProvider time,
    ILogger<GoogleWebhookHandler> logger)
{
    public async Task<WebhookOutcome> HandleAsync(GooglePushNotification push, CancellationToken ct)
    {
        var outcome = await EvaluateAsync(push, ct);
        if (outcome is not (WebhookOutcome.Enqueued or WebhookOutcome.Handshake or WebhookOutcome.DuplicateMessage))
        {
            metrics.RecordWebhookRejected(outcome.ToString());
            // Channel ids are not secrets (Google echoes them in every push); tokens are never logged.
            logger.LogWarning("Rejected Google push for channel {ChannelId}: {Outcome}", push.ChannelId, outcome);
        }
        return outcome;
    }

    private async Task<WebhookOutcome> EvaluateAsync(GooglePushNotification push, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(push.ChannelId) || string.IsNullOrEmpty(push.ResourceState) ||
            !long.TryParse(push.MessageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var messageNumber))
            return WebhookOutcome.MissingHeaders;

        var channel = await settings.FindByChannelIdAsync(push.ChannelId, ct);
        // Google may send a channel's first "sync" message before the watch call has returned and the channel is
        // stored; it carries no change (a full sync follows every connect), so it is acknowledged, not reported.
        if (channel is null) return push.ResourceState == "sync" ? WebhookOutcome.Handshake : WebhookOutcome.UnknownChannel;
        if (string.IsNullOrEmpty(channel.WebhookSecret) || !SecretComparer.FixedTimeEquals(push.ChannelToken, channel.WebhookSecret))
            return WebhookOutcome.InvalidToken;
        if (channel.GoogleResourceId is null || !string.Equals(channel.GoogleResourceId, push.ResourceId, StringComparison.Ordinal))
            return WebhookOutcome.ResourceMismatch;
        if (channel.ChannelExpiryAt is not { } expiry || expiry <= time.GetUtcNow()) return WebhookOutcome.ChannelExpired;
        if (!channel.Enabled) return WebhookOutcome.SyncDisabled;
        if (!await settings.TryAdvanceMessageNumberAsync(channel.UserId, push.ChannelId, messageNumber, ct))
            return WebhookOutcome.DuplicateMessage;

        switch (push.ResourceState)
        {
            case "sync":
                return WebhookOutcome.Handshake;
            case "exists" or "not_exists":
                await queue.EnqueueFromGoogleAsync(channel.UserId, QueueAction.IncrementalSync, ct);
                signal.Notify();
                return WebhookOutcome.Enqueued;
            default:
                return WebhookOutcome.UnknownState;
        }
    }

}
