using System.Diagnostics;

namespace Aegis.CalendarSync.Testing;

/// <summary>Runs a Node.js script of a package folder under tests/ (client-compat, feed-compat), whose npm packages
/// `bash .ci/run` installs with `npm ci`; the script's stdout and stderr are returned whole.</summary>
public static class NodeScript
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>The package folder tests/<paramref name="name"/> of this repository.</summary>
    public static string PackageFolder(string name) => Path.Combine(RepositoryRoot(), "tests", name);

    public static async Task<Result> RunAsync(string folder, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var errors = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        return new Result(process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aegis.CalendarSync.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (Aegis.CalendarSync.slnx) not found above " + AppContext.BaseDirectory);
    }
}
