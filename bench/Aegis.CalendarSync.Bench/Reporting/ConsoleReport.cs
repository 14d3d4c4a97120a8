using System.Globalization;
using Aegis.CalendarSync.Bench.Harness;

namespace Aegis.CalendarSync.Bench.Reporting;

/// <summary>Human-readable tables, one per scenario: medians per arm and the B/A ratios.</summary>
public static class ConsoleReport
{
    public static void WriteHeader(TextWriter output, BenchSummary summary)
    {
        var load = summary.Machine.LoadAverage is { } l ? $", load average {l.ToString("F2", CultureInfo.InvariantCulture)} at the end" : "";
        output.WriteLine($"Aegis.CalendarSync benchmarks ({summary.Profile}), {summary.Machine.ProcessorCount} cores{load}, {summary.Machine.Runtime}");
        output.WriteLine($"Rate limits raised so they never bind: emulator {summary.RateLimits.EmulatorPerSecond} req/s per account, " +
            $"client Google:RequestsPerUserPerMinute = RequestsPerProjectPerMinute = {BenchRateLimits.ClientPerMinute} ({summary.RateLimits.ClientPerSecond}/s sustained); a throttled (403/429) call voids the run.");
        output.WriteLine("Arms run interleaved (A, B, A, B ...) after a warm-up pair; figures are medians; ratios are B/A, and the");
        output.WriteLine("paired ratio (median of each repetition's B/A) is the figure to trust on a busy machine.");
    }

    public static void WriteScenario(TextWriter output, ScenarioResult result)
    {
        var counters = result.A.MedianPerItem.Keys.ToList();
        output.WriteLine();
        output.WriteLine($"== {result.Name}: {result.Description}");
        output.WriteLine($"   N = {result.ItemsPerTrial} items per trial, {result.Repetitions} repetitions per arm");
        var header = new List<string> { "arm", "ms/item", "items/s", "ms/item min..max" };
        header.AddRange(counters.Select(c => $"{c}/item"));
        var rows = new List<List<string>>
        {
            header,
            Row(result.A, counters),
            Row(result.B, counters),
            RatioRow(result.Ratio, counters),
        };
        WriteTable(output, rows);
        if (result.A.Latency is { } a && result.B.Latency is { } b)
        {
            output.WriteLine($"   latency per change (all repetitions pooled; promise: within {Format(LatencySummary.PromiseMilliseconds)} ms)");
            WriteTable(output,
            [
                ["arm", "samples", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms", "within 1 s"],
                LatencyRow(result.A.Label, a),
                LatencyRow(result.B.Label, b),
                ["ratio B/A", "", Ratio(result.Ratio.LatencyP50), Ratio(result.Ratio.LatencyP95), "", "", "", ""],
            ]);
        }
    }

    /// <summary>Columns padded to their widest cell: the first left-aligned, the others right-aligned.</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<List<string>> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine("   " + string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))));
        }
    }

    private static List<string> LatencyRow(string label, LatencySummary latency) =>
    [
        label,
        latency.Samples.ToString(CultureInfo.InvariantCulture),
        Format(latency.P50Ms),
        Format(latency.P95Ms),
        Format(latency.P99Ms),
        Format(latency.MaxMs),
        Format(latency.MeanMs),
        latency.WithinOneSecond.ToString("P1", CultureInfo.InvariantCulture),
    ];

    private static string Ratio(double? ratio) => ratio is { } r ? $"{Format(r)}x" : "n/a";

    private static List<string> Row(ArmSummary arm, IEnumerable<string> counters)
    {
        var row = new List<string>
        {
            arm.Label,
            Format(arm.MedianMsPerItem),
            Format(arm.MedianItemsPerSecond),
            $"{Format(arm.MinMsPerItem)}..{Format(arm.MaxMsPerItem)}",
        };
        row.AddRange(counters.Select(c => Format(arm.MedianPerItem[c])));
        return row;
    }

    private static List<string> RatioRow(RatioSummary ratio, IEnumerable<string> counters)
    {
        var row = new List<string>
        {
            "ratio B/A",
            $"{Format(ratio.MsPerItem)}x (paired {Format(ratio.PairedMsPerItem)}x)",
            $"{Format(ratio.ItemsPerSecond)}x",
            "",
        };
        row.AddRange(counters.Select(c => ratio.PerItem[c] is { } r ? $"{Format(r)}x" : "n/a (A = 0)"));
        return row;
    }

    /// <summary>Three significant decimals below 10, one below 100, none above.</summary>
    public static string Format(double value) => value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F3", CultureInfo.InvariantCulture);
}
