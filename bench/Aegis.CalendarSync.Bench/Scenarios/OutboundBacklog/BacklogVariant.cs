namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>One side of the comparison: a server build and the configuration it runs with (environment variables
/// added to the deployment's, e.g. <c>Queue__BatchSize</c>).</summary>
public sealed record BacklogVariant(string Label, string Description, string ServerDll, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>This checkout's server with the product's default configuration.</summary>
    public static BacklogVariant Tuned(string dll) => new("tuned", "this checkout, product defaults", dll, new Dictionary<string, string>());

    /// <summary>This checkout's server configured as the seed note's processor ran: batches of 10, one worker
    /// (seed/google-calendar-sync-architecture.md, "Batch Processing").</summary>
    public static BacklogVariant Seed(string dll) => new("seed", "this checkout, Queue:BatchSize 10, Queue:WorkerCount 1 (the seed's)", dll,
        new Dictionary<string, string> { ["Queue__BatchSize"] = "10", ["Queue__WorkerCount"] = "1" });

    /// <summary>Another commit's server (built side by side) with its own defaults, its Google client's rate raised in
    /// the form its build reads (<see cref="Harness.BenchRateLimits.BaselineEnvironment"/>).</summary>
    public static BacklogVariant Baseline(string dll, string commit) =>
        new("baseline", $"commit {commit[..Math.Min(10, commit.Length)]}, its defaults", dll, Harness.BenchRateLimits.BaselineEnvironment());
}
