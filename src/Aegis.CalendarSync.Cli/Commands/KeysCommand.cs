using System.CommandLine;
using Aegis.CalendarSync.Application.Admin;
using Aegis.CalendarSync.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary><c>keys rotate [--limit N]</c> through <see cref="TokenKeyRotation"/>. Before running it: move the old
/// key to TokenEncryption:PreviousKeys:&lt;old id&gt;, set the new key and a new TokenEncryption:KeyId (the server
/// with that configuration keeps reading old tokens meanwhile). Safe to interrupt and re-run.</summary>
public static class KeysCommand
{
    public static Command Create(AdminContext context) => new("keys", "Token encryption keys.") { Rotate(context) };

    private static Command Rotate(AdminContext context)
    {
        var limit = new Option<int?>("--limit") { Description = "Re-encrypt at most this many accounts' tokens in this run." };
        var command = new Command("rotate", "Re-encrypt every stored Google token under the current key.") { limit };
        command.SetAction((parse, ct) => context.RunAsync(async (services, token) =>
        {
            if (parse.GetValue(limit) is < 1) return context.Invalid("--limit must be at least 1.");
            TokenKeyRotationResult result;
            try
            {
                result = await services.GetRequiredService<TokenKeyRotation>().RotateAsync(parse.GetValue(limit), token);
            }
            catch (TokenDecryptionException e)
            {
                context.Console.Error.WriteLine($"Rotation stopped: {e.Message} Add the old key under TokenEncryption:PreviousKeys and re-run.");
                return ExitCodes.Failed;
            }

            context.Console.Out.WriteLine($"Re-encrypted {result.Rotated}, already under the current key {result.AlreadyCurrent}, " +
                $"changed meanwhile {result.ChangedConcurrently}, left for a later run {result.Remaining}.");
            context.Console.Out.WriteLine(result.Complete
                ? "Every stored token is under the current key: the old key may be removed from PreviousKeys."
                : "Not finished: run `keys rotate` again.");
            return result.Complete ? ExitCodes.Success : ExitCodes.Failed;
        }, ct));
        return command;
    }
}
