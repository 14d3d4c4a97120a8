using System.Data.Common;
using Aegis.CalendarSync.Server.Configuration;
using Aegis.CalendarSync.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Cli;

/// <summary>Runs one command's work inside a freshly configured engine and turns the failures an operator can cause
/// (invalid configuration, unreachable or unmigrated database) into one line on stderr and an exit code.</summary>
public sealed class AdminContext(AdminHostFactory hosts, AdminConsole console)
{
    public AdminConsole Console => console;

    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        try
        {
            using var host = hosts.Build();
            return await work(host.Services, ct);
        }
        catch (Exception e) when (e is OptionsValidationException or StartupConfigurationException)
        {
            return Fail(StartupFailure.Describe(e));
        }
        catch (DbException e)
        {
            return Fail($"Database error: {e.Message.ReplaceLineEndings(" ")} (is the database reachable and migrated? run `aegis-admin migrate`)");
        }
    }

    /// <summary>Writes <paramref name="message"/> to stderr; returns <see cref="ExitCodes.Configuration"/>.</summary>
    private int Fail(string message)
    {
        console.Error.WriteLine(message);
        return ExitCodes.Configuration;
    }

    /// <summary>Bad input: one line on stderr, exit code <see cref="ExitCodes.InvalidInput"/>.</summary>
    public int Invalid(string message)
    {
        console.Error.WriteLine(message);
        return ExitCodes.InvalidInput;
    }
}
