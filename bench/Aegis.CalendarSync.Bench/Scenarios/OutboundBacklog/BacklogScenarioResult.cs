using Aegis.CalendarSync.Bench.Measurement;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>The outbound-backlog scenario in the JSON summary: per variant its rounds and medians, and the paired
/// ratios (each round's value of one variant over another's in the same round) with their median.</summary>
public sealed record BacklogScenarioResult(
    string Name,
    string Description,
    int Users,
    int EventsPerUser,
    int ChangesPerTrial,
    int Rounds,
    string BaselineCommit,
    double? LoadAverageAtStart,
    IReadOnlyList<BacklogVariantSummary> Variants,
    IReadOnlyList<BacklogRatio> Ratios)
{
    /// <summary>Pairs compared, as (variant, against): the tuned code against today's, against the seed's
    /// configuration, and the seed's configuration against today's.</summary>
    private static readonly (string Variant, string Against)[] Pairs = [("tuned", "baseline"), ("tuned", "seed"), ("seed", "baseline")];

    private static readonly string[] RatioMetrics =
        [BacklogRatio.ChangesPerSecond, BacklogCounters.ServerCpuMs, BacklogCounters.PostgresCpuMs, BacklogCounters.Commits, BacklogCounters.WriteTransactions, BacklogCounters.Statements];

    public static BacklogScenarioResult From(BacklogOptions options, string baselineCommit, IReadOnlyList<BacklogVariant> variants,
        IReadOnlyDictionary<string, List<BacklogTrialResult>> trials, double? loadAtStart)
    {
        var summaries = variants.Select(v => BacklogVariantSummary.From(v, trials[v.Label])).ToList();
        var ratios = Pairs
            .SelectMany(p => RatioMetrics.Select(m => BacklogRatio.From(p.Variant, p.Against, m, trials[p.Variant], trials[p.Against])))
            .ToList();
        return new BacklogScenarioResult(OutboundBacklogScenario.Name, OutboundBacklogScenario.Description, options.Users, options.EventsPerUser,
            options.ChangesPerTrial, options.Rounds, baselineCommit, loadAtStart, summaries, ratios);
    }
}

/// <summary>One variant: medians over its rounds, every round, and the server's most frequent statements (per change,
/// from the last round).</summary>
public sealed record BacklogVariantSummary(
    string Label,
    string Description,
    double MedianChangesPerSecond,
    double MedianDrainSeconds,
    IReadOnlyDictionary<string, double> MedianPerChange,
    IReadOnlyList<BacklogRound> Rounds,
    IReadOnlyList<StatementPerChange> TopStatements)
{
    public static BacklogVariantSummary From(BacklogVariant variant, IReadOnlyList<BacklogTrialResult> trials) => new(
        variant.Label,
        variant.Description,
        Statistics.Median(trials.Select(t => t.ChangesPerSecond)),
        Statistics.Median(trials.Select(t => t.Drain.TotalSeconds)),
        BacklogCounters.All.ToDictionary(c => c, c => Statistics.Median(trials.Select(t => t.PerChange(c)))),
        trials.Select((t, i) => new BacklogRound(i + 1, t.ChangesPerSecond, t.Drain.TotalSeconds,
            BacklogCounters.All.ToDictionary(c => c, t.PerChange), t.LoadAverage, CostliestStatement.Of(t))).ToList(),
        trials[^1].Statements.Select(s => new StatementPerChange(s.Query, (double)s.Calls / trials[^1].Changes)).ToList());
}

public sealed record BacklogRound(int Round, double ChangesPerSecond, double DrainSeconds, IReadOnlyDictionary<string, double> PerChange,
    double? LoadAverage, IReadOnlyList<CostliestStatement> CostliestStatements);

/// <summary>A statement among a round's costliest by PostgreSQL execution time: its text's start, and its calls and
/// execution time per change (a stall with unchanged statement counts shows here as one statement's time growing).</summary>
public sealed record CostliestStatement(string Query, double CallsPerChange, double ExecMsPerChange)
{
    private const int Shown = 3;
    private const int QueryChars = 160;

    public static IReadOnlyList<CostliestStatement> Of(BacklogTrialResult trial) => trial.AllStatements
        .OrderByDescending(s => s.ExecMs)
        .Take(Shown)
        .Select(s => new CostliestStatement(s.Query.Length > QueryChars ? s.Query[..QueryChars] : s.Query,
            (double)s.Calls / trial.Changes, s.ExecMs / trial.Changes))
        .ToList();
}

public sealed record StatementPerChange(string Query, double PerChange);

/// <summary><see cref="Variant"/>'s value over <see cref="Against"/>'s for one metric, per round and the median of
/// those. For changes/s above 1 means faster; for the per-change costs below 1 means cheaper. Null where the
/// denominator is 0.</summary>
public sealed record BacklogRatio(string Variant, string Against, string Metric, IReadOnlyList<double?> PerRound, double? Median)
{
    public const string ChangesPerSecond = "changesPerSecond";

    public static BacklogRatio From(string variant, string against, string metric, IReadOnlyList<BacklogTrialResult> of, IReadOnlyList<BacklogTrialResult> to)
    {
        double Value(BacklogTrialResult t) => metric == ChangesPerSecond ? t.ChangesPerSecond : t.PerChange(metric);
        var perRound = of.Zip(to, (a, b) => Statistics.Ratio(Value(b), Value(a))).ToList();
        var known = perRound.OfType<double>().ToList();
        return new BacklogRatio(variant, against, metric, perRound, known.Count > 0 ? Statistics.Median(known) : null);
    }
}
