namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("aegis-server-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that just exited may still hold the SQLite file for a moment; the OS temp cleaner removes it.
        }
    }
}
