using System.CommandLine;
using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Application.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary><c>dead-letters list|requeue [--user] [--all]</c> through <see cref="DeadLetterCommands"/>.</summary>
public static class DeadLettersCommand
{
    public static Command Create(AdminContext context) => new("dead-letters", "Queue items that failed for good.")
    {
        List(context),
        Requeue(context),
    };

    private static Command List(AdminContext context)
    {
        var user = new Option<string?>("--user") { Description = "Only this account's (email or id)." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List dead letters: id, user, action, retries, last error.") { user, limit };
        command.SetAction((parse, ct) => context.RunAsync(async (services, token) =>
        {
            if (parse.GetValue(limit) is < 1 or > 10_000) return context.Invalid("--limit must be within 1..10000.");
            var (userId, error) = await ResolveAsync(services, parse.GetValue(user), token);
            if (error is not null) return context.Invalid(error);
            var items = await services.GetRequiredService<DeadLetterCommands>().ListAsync(userId, parse.GetValue(limit), token);
            context.Console.Out.WriteLine("ID\tUSER\tDIRECTION\tACTION\tRETRIES\tFAILED AT\tLAST ERROR");
            foreach (var item in items)
                context.Console.Out.WriteLine(
                    $"{item.Id}\t{item.UserId}\t{item.Direction}\t{item.Action}\t{item.RetryCount}\t{item.UpdatedAt:u}\t{item.LastError}");
            context.Console.Out.WriteLine($"{items.Count} dead letter(s).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Requeue(AdminContext context)
    {
        var user = new Option<string?>("--user") { Description = "Requeue this account's dead letters (email or id)." };
        var all = new Option<bool>("--all") { Description = "Requeue every account's dead letters." };
        var command = new Command("requeue", "Send dead letters back to the queue with their retries reset.") { user, all };
        command.SetAction((parse, ct) => context.RunAsync(async (services, token) =>
        {
            var reference = parse.GetValue(user);
            if ((reference is null) == !parse.GetValue(all))
                return context.Invalid("Give exactly one of --user <email|id> or --all.");
            var (userId, error) = await ResolveAsync(services, reference, token);
            if (error is not null) return context.Invalid(error);
            var count = await services.GetRequiredService<DeadLetterCommands>().RequeueAsync(userId, token);
            context.Console.Out.WriteLine($"Requeued {count} dead letter(s).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static async Task<(Guid? UserId, string? Error)> ResolveAsync(IServiceProvider services, string? reference, CancellationToken ct)
    {
        if (reference is null) return (null, null);
        var account = await UserReference.FindAsync(services.GetRequiredService<UserAccounts>(), reference, ct);
        return account is null ? (null, $"No account '{reference}'.") : (account.Id, null);
    }
}
