using System.CommandLine;
using Aegis.CalendarSync.Cli.Commands;

namespace Aegis.CalendarSync.Cli;

/// <summary>The entry point of aegis-admin: parses <c>args</c> and runs the command against the database the
/// configuration names (the server's keys: appsettings, environment, STORE_PROVIDER, TOKENS_ENCRYPTION_KEY …).
/// <paramref name="settings"/> are added as the last configuration source (tests use it instead of the
/// process environment).</summary>
public static class AdminCli
{
    public static Task<int> RunAsync(string[] args, AdminConsole console, IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken ct = default)
    {
        var host = new AdminHostFactory(settings ?? new Dictionary<string, string?>());
        var context = new AdminContext(host, console);
        var root = new RootCommand("Aegis Calendar Sync administration: users, dead letters, token keys, migrations, push channels.")
        {
            UsersCommand.Create(context),
            DeadLettersCommand.Create(context),
            KeysCommand.Create(context),
            MigrateCommand.Create(context),
            ChannelsCommand.Create(context),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, ct);
    }
}
