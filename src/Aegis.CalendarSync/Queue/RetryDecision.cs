namespace Aegis.CalendarSync.Queue;

/// <summary>The outcome of <see cref="RetryPolicy.Decide"/>: the tier and, unless dead-lettered, when to try again.</summary>
public sealed record RetryDecision(RetryTier Tier, DateTimeOffset? NextAttemptAt)
{
    public bool DeadLetter => Tier == RetryTier.DeadLetter;
}
