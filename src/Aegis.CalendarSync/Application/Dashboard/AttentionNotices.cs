namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>What needs the user's attention on every page: sync switched off (with the reason), conflicts waiting for
/// a choice, changes that failed every retry, and deletions from Google held by the mass-delete guard.</summary>
public sealed record AttentionNotices(string? DisabledReason, long OpenConflicts, long DeadLetters, long HeldDeletions = 0)
{
    public static readonly AttentionNotices None = new(null, 0, 0);
}
