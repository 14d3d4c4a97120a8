using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Queue;

/// <summary>Configuration section "Queue".</summary>
public sealed class QueueOptions : IValidatableObject
{
    /// <summary>Slow retry delays when none are configured: 5 min, 30 min, 2 h, 12 h (about 14.6 h in all).</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultSlowRetryDelays =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    public const int MaxSlowRetries = 10;
    public static readonly TimeSpan MinSlowRetryDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxSlowRetryDelay = TimeSpan.FromDays(7);

    public const string SectionName = "Queue";

    /// <summary>Items claimed per statement. 50: a user's backlog of changes goes to Google as batch requests of up to
    /// 50 calls (Google's batch limit) and costs one load and one commit per 50 changes (bench outbound-backlog).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim is held without a heartbeat; heartbeats run every third of it.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest idle wait without a signal before looking at the queue again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quick retries after the first attempt (2^n s + jitter). After them a transient failure (Google 5xx,
    /// rate limit, network, timeout) moves on to the slow retries; any other failure dead-letters the item.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delays of the slow retries, in order (config: <c>Queue:SlowRetryDelays:0</c> = <c>00:05:00</c>, ...);
    /// null (not configured): <see cref="DefaultSlowRetryDelays"/>. Each is at least <see cref="MinSlowRetryDelay"/>
    /// and at most <see cref="MaxSlowRetryDelay"/>, at most <see cref="MaxSlowRetries"/> of them. A transient failure
    /// after the last one dead-letters the item.</summary>
    public TimeSpan[]? SlowRetryDelays { get; set; }

    /// <summary>The slow retry delays in force.</summary>
    public IReadOnlyList<TimeSpan> SlowRetrySchedule => SlowRetryDelays ?? DefaultSlowRetryDelays;

    /// <summary>Claimed batches this node processes at once, each by its own worker (claim, run, commit), so several
    /// users' batches wait on Google side by side. Within a batch the to_google items run all at once (their reads come
    /// from the batch's one load, their writes are committed by its one transaction and their Google writes share batch
    /// requests) and the from_google items one after another, so at most WorkerCount syncs from Google run at once.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var delays = SlowRetrySchedule;
        if (delays.Count > MaxSlowRetries)
            yield return new ValidationResult($"SlowRetryDelays: at most {MaxSlowRetries} slow retries (got {delays.Count}).",
                [nameof(SlowRetryDelays)]);
        for (var i = 0; i < delays.Count; i++)
        {
            if (delays[i] < MinSlowRetryDelay || delays[i] > MaxSlowRetryDelay)
                yield return new ValidationResult(
                    $"SlowRetryDelays:{i} must be between {MinSlowRetryDelay:c} and {MaxSlowRetryDelay:c} (got {delays[i]:c}).",
                    [nameof(SlowRetryDelays)]);
        }
    }
}
