using System.Diagnostics;
using Aegis.CalendarSync.Bench.Harness;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

/// <summary>Runs a command line tool (git, initdb, pg_ctl, dotnet build) to completion; a non-zero exit stops the run
/// with the tool's own output, since nothing measured after a failed set-up step would mean anything.</summary>
public static class ExternalCommand
{
    /// <summary>Standard output of <paramref name="file"/> run with <paramref name="arguments"/>.</summary>
    public static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken ct, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkInvalidException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BenchmarkInvalidException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }

        return await output;
    }
}
