using Aegis.CalendarSync.Cli;

namespace Aegis.CalendarSync.Server.Tests.Cli;

/// <summary>One in-process run of aegis-admin: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(IReadOnlyDictionary<string, string?> settings, string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCli.RunAsync(args, new AdminConsole(new StringReader(stdin), output, error), settings);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
