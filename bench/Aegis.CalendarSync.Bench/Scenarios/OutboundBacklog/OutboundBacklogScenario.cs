using System.Globalization;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>Issue 12, scenario (a): a backlog of outbound changes (users x events) drained by the real server process
/// on PostgreSQL against the emulator, for three variants side by side in one run: <c>tuned</c> (this checkout, the
/// product's defaults), <c>seed</c> (this checkout, the seed's batches of 10 and one worker) and <c>baseline</c>
/// (another commit's server, built side by side). Each variant has its own server, cluster and emulator, started once;
/// the rounds interleave them, each round in a rotated order (tuned, seed, baseline; seed, baseline, tuned; ...), so
/// drift of the machine's load lands on all three alike, and the ratios are taken per round before their median.</summary>
public sealed class OutboundBacklogScenario
{
    public const string Name = "outbound-backlog";

    public const string Description =
        "users x events new wallet events committed at once, drained by the real server process (PostgreSQL, emulator); per variant";

    public async Task<BacklogScenarioResult> RunAsync(BacklogOptions options, TextWriter progress, CancellationToken ct)
    {
        var loadAtStart = Reporting.MachineInfo.Current().LoadAverage;
        progress.WriteLine($"[{Name}] {options.Users} users x {options.EventsPerUser} events, {options.Rounds} rounds; baseline {options.BaselineCommit}");
        var current = ServerBuilds.Current();
        var (baselineDll, baselineCommit) = await ServerBuilds.OfCommitAsync(options.BaselineCommit, progress, ct);
        BacklogVariant[] variants = [BacklogVariant.Tuned(current), BacklogVariant.Seed(current), BacklogVariant.Baseline(baselineDll, baselineCommit)];

        var hosts = await StartAllAsync(variants, options.Users, progress, ct);
        // A variant's commit counters settle while the others run; its next trial waits for that.
        var settling = hosts.ToDictionary(h => h.Variant.Label, _ => (Task)Task.CompletedTask);
        try
        {
            // Side by side (untimed): each variant's warm-up waits for its own counters to settle between backlogs.
            await Task.WhenAll(hosts.Select(host => BacklogWarmup.RunAsync(host, options, progress, ct)));

            var trials = hosts.ToDictionary(h => h.Variant.Label, _ => new List<Task<BacklogTrialResult>>());
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Rotated order (ABC, BCA, CAB ...): no variant always runs first after the others' idle time or JIT.
                foreach (var host in hosts.Skip((round - 1) % hosts.Count).Concat(hosts.Take((round - 1) % hosts.Count)))
                {
                    await settling[host.Variant.Label];
                    var trial = await BacklogTrial.RunAsync(host, options.EventsPerUser, round.ToString(CultureInfo.InvariantCulture), settle: true, ct);
                    settling[host.Variant.Label] = trial;
                    trials[host.Variant.Label].Add(trial);
                    _ = ReportWhenSettledAsync(trial, host.Variant.Label, round, options.Rounds, progress);
                }
            }

            await Task.WhenAll(settling.Values);
            var results = trials.ToDictionary(t => t.Key, t => t.Value.Select(r => r.Result).ToList());
            return BacklogScenarioResult.From(options, baselineCommit, variants, results, loadAtStart);
        }
        finally
        {
            // After a failure, settling readings may still use the connections.
            await Task.WhenAll(settling.Values.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task ReportWhenSettledAsync(Task<BacklogTrialResult> settling, string variant, int round, int rounds, TextWriter progress)
    {
        var trial = await settling;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{Name}] round {round}/{rounds} {variant}: {trial.ChangesPerSecond:F1} changes/s, " +
            $"server {trial.PerChange(BacklogCounters.ServerCpuMs):F2} ms CPU/change, PostgreSQL {trial.PerChange(BacklogCounters.PostgresCpuMs):F2} " +
            $"(statements {trial.PerChange(BacklogCounters.StatementExecMs):F2} ms, {trial.Totals[BacklogCounters.AutovacuumRuns]:F0} autovacuum runs), " +
            $"{trial.PerChange(BacklogCounters.Commits):F2} commits ({trial.PerChange(BacklogCounters.WriteTransactions):F2} writing; " +
            $"{trial.Totals[BacklogCounters.SettleStatements]:F0} server statements in the {BacklogDatabase.StatisticsSettle.TotalSeconds:F0} s after the drain), " +
            $"{trial.PerChange(BacklogCounters.Statements):F2} statements per change, load {trial.LoadAverage:F2}"));
    }

    /// <summary>The variants' hosts start side by side (set-up, not measured); if one fails, the others are stopped.</summary>
    private static async Task<IReadOnlyList<BacklogVariantHost>> StartAllAsync(IEnumerable<BacklogVariant> variants, int users,
        TextWriter progress, CancellationToken ct)
    {
        var starting = variants.Select(v => BacklogVariantHost.StartAsync(v, users, progress, ct)).ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }
}
