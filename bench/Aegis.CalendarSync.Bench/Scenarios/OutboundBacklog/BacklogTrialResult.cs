namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>One drained backlog: <paramref name="Changes"/> changes in <paramref name="Drain"/> (from the backlog's
/// commit to the drained queue), totals of <see cref="BacklogCounters"/>, the server's most frequent statements, all its statements, and
/// the 1-minute load average when it ended.</summary>
public sealed record BacklogTrialResult(
    int Changes,
    TimeSpan Drain,
    IReadOnlyDictionary<string, double> Totals,
    IReadOnlyList<StatementCount> Statements,
    IReadOnlyList<StatementCount> AllStatements,
    double? LoadAverage)
{
    public const int TopStatements = 12;

    public double ChangesPerSecond => Changes / Drain.TotalSeconds;

    public double PerChange(string counter) => Totals[counter] / Changes;
}
