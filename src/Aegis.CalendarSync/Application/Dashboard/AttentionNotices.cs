namespace Aegis.CalendarSync.Application.Dashboard;

/// <summary>What needs the user's attention on every page: sync switched off (with the reason), conflicts waiting for
/// a choice, and changes that failed every retry.</summary>
public sealed record AttentionNotices(string? DisabledReason, long OpenConflicts, long DeadLetters)
{
    public static readonly AttentionNotices None = new(null, 0, 0);
}
