namespace Aegis.CalendarSync.Cli;

/// <summary>Where a command reads a password from (--password-stdin) and writes its output and its errors.</summary>
public sealed record AdminConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static AdminConsole System { get; } = new(Console.In, Console.Out, Console.Error);
}
