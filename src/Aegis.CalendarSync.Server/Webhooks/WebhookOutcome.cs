namespace Aegis.CalendarSync.Server.Webhooks;

/// <summary>What the webhook did with a push. Only <see cref="Enqueued"/> causes work; the HTTP answer is 200 for all,
/// so a caller probing with forged headers learns nothing.</summary>
public enum WebhookOutcome
{
    Enqueued,
    Handshake,
    MissingHeaders,
    UnknownChannel,
    InvalidToken,
    ResourceMismatch,
    ChannelExpired,
    SyncDisabled,
    DuplicateMessage,
    UnknownState,
}
