using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Bench.Scenarios;

namespace Aegis.CalendarSync.Bench.Cli;

/// <summary>Command line: [--quick] [--scenario name]... [--output path].</summary>
public sealed record BenchArguments(BenchProfile Profile, IReadOnlyList<IScenario> Scenarios, string OutputPath)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Aegis.CalendarSync.Bench -- [--quick] [--scenario name]... [--output path]";

    /// <summary>Null (with <paramref name="error"/>) on invalid input.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var profile = BenchProfile.Full;
        var names = new List<string>();
        string? output = null;
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
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return null;
            }
        }

        var unknown = names.Where(n => ScenarioCatalog.All.All(s => s.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            error = $"unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}";
            return null;
        }

        var scenarios = names.Count == 0 ? ScenarioCatalog.All : ScenarioCatalog.All.Where(s => names.Contains(s.Name)).ToList();
        return new BenchArguments(profile, scenarios, output ?? DefaultOutputPath());
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
