using System.CommandLine;
using Aegis.CalendarSync.Application.Admin;
using Aegis.CalendarSync.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary><c>channels list|renew</c> through <see cref="ChannelCommands"/> (renewal by the engine's policy).</summary>
public static class ChannelsCommand
{
    public static Command Create(AdminContext context) => new("channels", "Google push channels.")
    {
        List(context),
        Renew(context),
    };

    private static Command List(AdminContext context)
    {
        var command = new Command("list", "Every connected account's push channel and its expiry.");
        command.SetAction((_, ct) => context.RunAsync(async (services, token) =>
        {
            var rows = await services.GetRequiredService<ChannelCommands>().ListAsync(token);
            context.Console.Out.WriteLine("USER\tENABLED\tCALENDAR\tCHANNEL\tEXPIRES");
            foreach (var s in rows)
                context.Console.Out.WriteLine(
                    $"{s.UserId}\t{(s.Enabled ? "yes" : "no")}\t{s.CalendarId}\t{s.GoogleChannelId ?? "(none)"}\t{s.ChannelExpiryAt?.ToString("u") ?? "-"}");
            context.Console.Out.WriteLine($"{rows.Count} connected account(s).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Renew(AdminContext context)
    {
        var command = new Command("renew", "Renew every channel due by the renewal policy (ChannelRenewal:RenewBefore).");
        command.SetAction((_, ct) => context.RunAsync(async (services, token) =>
        {
            // The embedded emulator lives in the server's process: this process would start another, empty one,
            // every renewal would fail and the policy would then disable sync.
            if (services.GetRequiredService<IConfiguration>().GetValue<bool>($"{EmbeddedEmulatorOptions.Section}:Enabled"))
                return context.Invalid("channels renew talks to Google: not available with the embedded emulator (Emulator:Enabled).");
            var results = await services.GetRequiredService<ChannelCommands>().RenewDueAsync(token);
            foreach (var r in results)
                context.Console.Out.WriteLine($"{r.UserId}\t{(r.Renewed ? "renewed" : "FAILED, sync disabled")}\tattempts {r.Attempts}");
            var failed = results.Count(r => !r.Renewed);
            context.Console.Out.WriteLine($"{results.Count - failed} renewed, {failed} failed.");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }, ct));
        return command;
    }
}
