using System.CommandLine;

namespace Aegis.CalendarSync.Cli.Commands;

/// <summary>--password, or --password-stdin (first line of standard input, kept out of shell history and the process
/// list). Exactly one of them.</summary>
public sealed class PasswordInput
{
    private readonly Option<string?> _password = new("--password") { Description = "The new password (prefer --password-stdin)." };
    private readonly Option<bool> _fromStdin = new("--password-stdin") { Description = "Read the password from the first line of standard input." };

    public void AddTo(Command command)
    {
        command.Add(_password);
        command.Add(_fromStdin);
    }

    /// <summary>The password, or null with <paramref name="error"/> set.</summary>
    public string? Read(ParseResult parse, AdminConsole console, out string? error)
    {
        var given = parse.GetValue(_password);
        var fromStdin = parse.GetValue(_fromStdin);
        error = (given, fromStdin) switch
        {
            (not null, true) => "Give either --password or --password-stdin, not both.",
            (null, false) => "A password is required: --password-stdin (recommended) or --password.",
            _ => null,
        };
        if (error is not null) return null;
        return given ?? console.In.ReadLine();
    }
}
