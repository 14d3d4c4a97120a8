namespace Aegis.CalendarSync.Connection.Push;

/// <summary>What a Google push notification led to. Only <see cref="Enqueued"/> causes work; the host answers 200 for
/// all, so a caller probing with forged headers learns nothing.</summary>
public enum PushOutcome
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

public static class PushOutcomes
{
    /// <summary>True for a push that was refused (counted and logged by the host); false for accepted, handshake and
    /// duplicate messages, which are normal traffic.</summary>
    public static bool IsRejection(this PushOutcome outcome) =>
        outcome is not (PushOutcome.Enqueued or PushOutcome.Handshake or PushOutcome.DuplicateMessage);
}
