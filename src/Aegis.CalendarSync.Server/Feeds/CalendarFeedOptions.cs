using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Feeds;

/// <summary>Options section "CalendarFeed".</summary>
public sealed class CalendarFeedOptions
{
    public const string Section = "CalendarFeed";

    /// <summary>Feed requests one client address may make per minute (fixed window), found or not: a calendar app
    /// polls a few times an hour, a token-guessing loop is stopped. Behind a reverse proxy, configure forwarded
    /// headers so the address is the client's, not the proxy's.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerClient { get; set; } = 60;
}
