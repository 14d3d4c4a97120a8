using System.Diagnostics;
using Aegis.CalendarSync.Bench.Cli;
using Aegis.CalendarSync.Bench.Load;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Bench.Reporting;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

// Side-by-side benchmarks of the sync engine: each scenario compares two arms run interleaved in one process and
// reports medians and B/A ratios. Progress goes to stderr; the report to stdout, whose last line is the JSON summary.
if (args is [WebhookLoad.Flag, var loadRequest])
{
    // The second process of the webhook-load scenario.
    return await WebhookLoad.RunAsync(loadRequest);
}

var arguments = BenchArguments.Parse(args, out var error);
if (arguments is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var runner = new InterleavedRunner(arguments.Profile, Console.Error);
var results = new List<ScenarioResult>();
foreach (var scenario in arguments.Scenarios)
{
    results.Add(await runner.RunAsync(scenario, cancellation.Token));
}

var backlog = arguments.Backlog is { } options
    ? await new OutboundBacklogScenario().RunAsync(options, Console.Error, cancellation.Token)
    : null;

var summary = BenchSummary.Create(arguments.Profile, startedAt, clock.Elapsed, results, backlog);
ConsoleReport.WriteHeader(Console.Out, summary);
foreach (var result in results)
{
    ConsoleReport.WriteScenario(Console.Out, result);
}

if (backlog is not null)
{
    BacklogReport.Write(Console.Out, backlog);
}

await SummaryJson.WriteFileAsync(summary, arguments.OutputPath, cancellation.Token);
Console.Out.WriteLine();
Console.Out.WriteLine($"Summary written to {arguments.OutputPath} (run took {summary.DurationSeconds} s)");
Console.Out.WriteLine(SummaryJson.ToLine(summary));
return 0;
