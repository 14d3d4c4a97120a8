using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Queue;

/// <summary>Configuration section "Queue".</summary>
public sealed class QueueOptions
{
    public const string SectionName = "Queue";

    /// <summary>Items claimed per statement.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 10;

    /// <summary>How long a claim is held without a heartbeat; heartbeats run every third of it.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest idle wait without a signal before looking at the queue again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt; the next failure dead-letters the item.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Items of one batch processed in parallel (a batch never holds two items of one event).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 1;

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan HeartbeatInterval => Lease / 3;

    /// <summary>A running processor shows life at least every <see cref="PollInterval"/> when idle and every
    /// <see cref="HeartbeatInterval"/> while working; three such gaps without a sign mean it is stuck or stopped.</summary>
    public TimeSpan StalledAfter => 3 * (PollInterval > HeartbeatInterval ? PollInterval : HeartbeatInterval);
}
