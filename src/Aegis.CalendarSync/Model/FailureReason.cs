namespace Aegis.CalendarSync.Model;

/// <summary>A failure as people read it: its <see cref="Cause"/> and one plain sentence (no exception type names).</summary>
public sealed record FailureReason(FailureCause Cause, string Text)
{
    /// <summary>True for causes a new Google connection fixes: the item should be retried after a reconnect.</summary>
    public bool FixedByReconnect => Cause is FailureCause.AccessRevoked or FailureCause.NotConnected or FailureCause.SignInRejected;
}
