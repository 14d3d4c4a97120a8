using System.CommandLine;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary><c>migrate</c>: applies the engine's and the server's migration sets with the engine's one migrator
/// (one lock, checksums), as the server does on start.</summary>
public static class MigrateCommand
{
    public static Command Create(AdminContext context)
    {
        var command = new Command("migrate", "Apply the engine's and the server's database migrations.");
        command.SetAction((_, ct) => context.RunAsync(async (services, token) =>
        {
            await services.GetRequiredService<IStoreMigrator>().MigrateAsync(token);
            context.Console.Out.WriteLine("Database schema is up to date.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
