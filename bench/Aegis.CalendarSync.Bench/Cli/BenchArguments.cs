using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Bench.Scenarios;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

namespace Aegis.CalendarSync.Bench.Cli;

/// <summary>Command line: [--quick] [--scenario name]... [--output path] [--baseline commit] [--users N] [--events N]
/// [--rounds N] (the sizes override the profile's for outbound-backlog). The outbound-backlog
/// scenario (several server processes, a build of another commit) runs only when named; <paramref name="Backlog"/>
/// is null otherwise.</summary>
public sealed record BenchArguments(BenchProfile Profile, IReadOnlyList<IScenario> Scenarios, string OutputPath, BacklogOptions? Backlog = null)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Aegis.CalendarSync.Bench -- [--quick] [--scenario name]... [--output path] " +
        "[--baseline commit] [--users N] [--events N] [--rounds N] (the last four: outbound-backlog's; baseline default " +
        BacklogOptions.DefaultBaselineCommit + ")";

    /// <summary>Null (with <paramref name="error"/>) on invalid input.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var profile = BenchProfile.Full;
        var names = new List<string>();
        string? output = null;
        var baseline = BacklogOptions.DefaultBaselineCommit;
        int? users = null, events = null, rounds = null;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    profile = BenchProfile.QuickCheck;
                    break;
                case "--scenario" when i + 1 < args.Count:
                    names.Add(args[++i]);
                    break;
                case "--output" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--baseline" when i + 1 < args.Count:
                    baseline = args[++i];
                    break;
                case "--users" or "--events" or "--rounds" when i + 1 < args.Count:
                    if (!int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                        || n is < 1 or > 100_000)
                    {
                        error = $"{args[i]} needs a whole number from 1 to 100000, not '{args[i + 1]}'";
                        return null;
                    }

                    if (args[i] == "--users")
                    {
                        users = n;
                    }
                    else if (args[i] == "--events")
                    {
                        events = n;
                    }
                    else
                    {
                        rounds = n;
                    }

                    i++;
                    break;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return null;
            }
        }

        var known = ScenarioCatalog.All.Select(s => s.Name).Append(OutboundBacklogScenario.Name).ToList();
        var unknown = names.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            error = $"unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known)}";
            return null;
        }

        var scenarios = names.Count == 0 ? ScenarioCatalog.All : ScenarioCatalog.All.Where(s => names.Contains(s.Name)).ToList();
        var backlog = names.Contains(OutboundBacklogScenario.Name) ? BacklogOptions.For(profile, baseline) : null;
        if (backlog is not null)
        {
            backlog = backlog with
            {
                Users = users ?? backlog.Users,
                EventsPerUser = events ?? backlog.EventsPerUser,
                Rounds = rounds ?? backlog.Rounds,
            };
        }
        return new BenchArguments(profile, scenarios, output ?? DefaultOutputPath(), backlog);
    }

    /// <summary>bench/results/latest.json of the repository this program was built from, whatever the working
    /// directory (found by walking up to Aegis.CalendarSync.slnx).</summary>
    private static string DefaultOutputPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aegis.CalendarSync.slnx")))
            {
                return Path.Combine(dir.FullName, "bench", "results", "latest.json");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "bench-results", "latest.json");
    }
}
