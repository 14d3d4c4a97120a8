namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>What needs the user's attention on every page: sync switched off (with the reason), conflicts waiting for
/// a choice, changes that failed for good (dead letters), deletions from Google held by the mass-delete guard, and
/// changes whose last attempt failed and that the queue retries by itself (<paramref name="RetryingLater"/>, the
/// earliest at <paramref name="NextRetryAt"/>), and a new connection whose first sync waits for the user's go-ahead
/// (<paramref name="AwaitingStart"/>: not an error, a decision to make).</summary>
public sealed record AttentionNotices(
    string? DisabledReason,
    long OpenConflicts,
    long DeadLetters,
    long HeldDeletions = 0,
    long RetryingLater = 0,
    DateTimeOffset? NextRetryAt = null,
    bool AwaitingStart = false)
{
    public static readonly AttentionNotices None = new(null, 0, 0);
}
