namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>The folder of the embedded database, the Development secrets and the data-protection keys
/// ("Store:DataDirectory", default ./data relative to the working directory).</summary>
public static class DataDirectory
{
    public static string Resolve(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Store:DataDirectory"] is { Length: > 0 } configured ? configured : "data");

    /// <summary>Creates <paramref name="path"/> readable only by the service account when it does not exist yet.</summary>
    public static DirectoryInfo CreateOwnerOnly(string path) => OperatingSystem.IsWindows()
        ? Directory.CreateDirectory(path)
        : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}
