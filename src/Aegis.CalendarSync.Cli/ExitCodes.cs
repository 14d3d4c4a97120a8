namespace Aegis.CalendarSync.Cli;

/// <summary>Process exit codes of aegis-admin.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran but part of it did not succeed (e.g. a channel could not be renewed).</summary>
    public const int Failed = 1;
    /// <summary>Bad arguments (unknown user, weak password, missing option); nothing was changed.</summary>
    public const int InvalidInput = 2;
    /// <summary>The configuration is missing or invalid, or the database cannot be used; nothing was changed.</summary>
    public const int Configuration = 3;
}
