using System.Globalization;
using static Aegis.CalendarSync.Bench.Reporting.ConsoleReport;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>The outbound-backlog scenario as text: medians per variant, then the paired ratios per round.</summary>
public static class BacklogReport
{
    private static readonly (string Header, string Counter)[] Columns =
    [
        ("srv CPU ms", BacklogCounters.ServerCpuMs),
        ("of it JIT", BacklogCounters.ServerJitCpuMs),
        ("pg CPU ms", BacklogCounters.PostgresCpuMs),
        ("exec ms", BacklogCounters.StatementExecMs),
        ("commits", BacklogCounters.Commits),
        ("write tx", BacklogCounters.WriteTransactions),
        ("stmts", BacklogCounters.Statements),
        ("data stmts", BacklogCounters.DataStatements),
        ("API calls", BacklogCounters.ApiCalls),
        ("HTTP reqs", BacklogCounters.HttpRequests),
        ("lists", BacklogCounters.EventsLists),
        ("echo audit", BacklogCounters.EchoAuditRows),
    ];

    public static void Write(TextWriter output, BacklogScenarioResult result)
    {
        output.WriteLine();
        output.WriteLine($"== {result.Name}: {result.Description}");
        output.WriteLine($"   {result.Users} users x {result.EventsPerUser} events = {result.ChangesPerTrial} changes per trial, " +
            $"{result.Rounds} rounds per variant, baseline {result.BaselineCommit[..Math.Min(10, result.BaselineCommit.Length)]}; costs are per change (medians)");
        List<List<string>> rows = [["variant", "changes/s", "drain s", .. Columns.Select(c => c.Header), "load"]];
        foreach (var variant in result.Variants)
        {
            rows.Add(
            [
                variant.Label,
                Format(variant.MedianChangesPerSecond),
                Format(variant.MedianDrainSeconds),
                .. Columns.Select(c => Format(variant.MedianPerChange[c.Counter])),
                string.Join('/', variant.Rounds.Select(r => r.LoadAverage is { } l ? l.ToString("F1", CultureInfo.InvariantCulture) : "?")),
            ]);
        }

        WriteTable(output, rows);
        output.WriteLine("   paired ratios (variant / against, each round, then their median):");
        List<List<string>> ratioRows = [["ratio", "metric", .. Enumerable.Range(1, result.Rounds).Select(r => $"round {r}"), "median"]];
        foreach (var ratio in result.Ratios)
        {
            ratioRows.Add(
            [
                $"{ratio.Variant}/{ratio.Against}",
                ratio.Metric,
                .. ratio.PerRound.Select(Ratio),
                Ratio(ratio.Median),
            ]);
        }

        WriteTable(output, ratioRows);
    }

    private static string Ratio(double? ratio) => ratio is { } r ? Format(r) + "x" : "n/a";
}
