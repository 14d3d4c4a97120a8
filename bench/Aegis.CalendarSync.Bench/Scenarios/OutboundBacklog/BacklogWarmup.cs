using System.Globalization;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>The untimed warm-up of a variant: backlogs are drained until the server is warm, i.e. until the runtime's
/// tiered compilation has promoted the hot code. A fresh .NET process first runs each method unoptimised and then
/// re-compiles the hot ones on a background thread; measured with perf on this machine (issue 12), after one warm-up
/// of 20 events per user that thread still used 63 % of the server's CPU during a 2,000-change trial (72 % in the
/// trial's first 14 s, then a quarter), i.e. the trial measured the JIT, not the steady state a running server has.
/// So a variant keeps draining backlogs (the first of <see cref="BacklogOptions.WarmupEventsPerUser"/> per user, the
/// later ones of the trial's size but at least <see cref="MinChangesPerBacklog"/>) until the tiered-compilation thread
/// used at most <see cref="WarmJitShare"/> of the server's CPU during a drain, at most <see cref="MaxBacklogs"/> times;
/// the trials report what is left (<see cref="BacklogCounters.ServerJitCpuMs"/>). The warm-up backlogs do not wait for the commit counters to settle;
/// the variant waits once, after the last.</summary>
public static class BacklogWarmup
{
    /// <summary>The comm of .NET's tiered-compilation background worker (".NET Tiered Compilation Worker", truncated by Linux).</summary>
    public const string TierUpThread = ".NET Tiered Com";

    /// <summary>Warm once the JIT thread used at most this share of the server's CPU in a drain.</summary>
    public const double WarmJitShare = 0.05;

    public const int MaxBacklogs = 6;

    /// <summary>Changes per warm-up backlog after the first, at least: with the quick profile's 200 (5 x 40) the JIT
    /// thread still used 46-59 % of the server's CPU in the sixth backlog at load average ~40, with 1,000 (10 x 100)
    /// it fell to 2-9 % in the fourth or fifth.</summary>
    public const int MinChangesPerBacklog = 1000;

    public static async Task RunAsync(BacklogVariantHost host, BacklogOptions options, TextWriter progress, CancellationToken ct)
    {
        for (var backlog = 1; backlog <= MaxBacklogs; backlog++)
        {
            var perUser = backlog == 1
                ? options.WarmupEventsPerUser
                : Math.Max(options.EventsPerUser, (MinChangesPerBacklog + options.Users - 1) / options.Users);
            var drained = await BacklogTrial.RunAsync(host, perUser, "warmup" + backlog.ToString(CultureInfo.InvariantCulture), settle: false, ct);
            var result = await drained;
            var share = result.Totals[BacklogCounters.ServerJitCpuMs] / Math.Max(1, result.Totals[BacklogCounters.ServerCpuMs]);
            var warm = share <= WarmJitShare;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{OutboundBacklogScenario.Name}] {host.Variant.Label}: warm-up backlog {backlog} ({result.Changes} changes) drained, " +
                $"JIT {100 * share:F0} % of the server's CPU{(warm ? ": warm" : backlog == MaxBacklogs ? ": still warming, measuring anyway" : "")}"));
            if (warm)
            {
                break;
            }
        }

        // The first trial's commit counter starts from a settled reading, as every later trial's does.
        await Task.Delay(BacklogDatabase.StatisticsSettle, ct);
        host.SettledTransactions = await host.Database.MarkAsync(ct);
    }
}
