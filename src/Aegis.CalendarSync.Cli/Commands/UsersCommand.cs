using System.CommandLine;
using System.Net.Mail;
using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary><c>users add|list|reset-password</c>: accounts created and passwords set exactly as the server does
/// (its <see cref="PasswordAuthenticator"/> and credential store; rules of <see cref="PasswordPolicy"/>).</summary>
public static class UsersCommand
{
    public static Command Create(AdminContext context) => new("users", "Create and list accounts, reset passwords.")
    {
        Add(context),
        List(context),
        ResetPassword(context),
    };

    private static Command Add(AdminContext context)
    {
        var email = new Option<string>("--email") { Description = "Sign-in email of the new account.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name (defaults to the email).", };
        var password = new PasswordInput();
        var command = new Command("add", "Create an account with a password.") { email, name };
        password.AddTo(command);
        command.SetAction((parse, ct) => context.RunAsync(async (services, token) =>
        {
            var address = parse.GetRequiredValue(email).Trim();
            if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                return context.Invalid($"'{address}' is not an email address.");
            var secret = password.Read(parse, context.Console, out var error);
            if (secret is null) return context.Invalid(error!);
            if (PasswordPolicy.Check(secret, address) is { } weak) return context.Invalid(weak);

            var users = services.GetRequiredService<UserAccounts>();
            if (await users.FindByEmailAsync(address, token) is not null)
                return context.Invalid($"An account for {address} already exists (use `users reset-password`).");
            var displayName = parse.GetValue(name) is { Length: > 0 } given ? given.Trim() : address;
            var user = await users.CreateAsync(address, displayName, token);
            await services.GetRequiredService<PasswordAuthenticator>().SetPasswordAsync(user, secret, token);
            context.Console.Out.WriteLine($"Created {user.Email} ({user.Id}).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command List(AdminContext context)
    {
        var command = new Command("list", "List every account: id, email, display name, created.");
        command.SetAction((_, ct) => context.RunAsync(async (services, token) =>
        {
            var users = await services.GetRequiredService<UserAccounts>().ListAsync(token);
            context.Console.Out.WriteLine("ID\tEMAIL\tNAME\tCREATED");
            foreach (var user in users)
                context.Console.Out.WriteLine($"{user.Id}\t{user.Email}\t{user.DisplayName}\t{user.CreatedAt:u}");
            context.Console.Out.WriteLine($"{users.Count} account(s).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command ResetPassword(AdminContext context)
    {
        var user = new Option<string>("--user") { Description = "Email or id of the account.", Required = true };
        var password = new PasswordInput();
        var command = new Command("reset-password", "Replace an account's password.") { user };
        password.AddTo(command);
        command.SetAction((parse, ct) => context.RunAsync(async (services, token) =>
        {
            var reference = parse.GetRequiredValue(user);
            var account = await UserReference.FindAsync(services.GetRequiredService<UserAccounts>(), reference, token);
            if (account is null) return context.Invalid($"No account '{reference}'.");
            var secret = password.Read(parse, context.Console, out var error);
            if (secret is null) return context.Invalid(error!);
            if (PasswordPolicy.Check(secret, account.Email) is { } weak) return context.Invalid(weak);
            await services.GetRequiredService<PasswordAuthenticator>().SetPasswordAsync(account, secret, token);
            context.Console.Out.WriteLine($"Password of {account.Email} replaced.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
