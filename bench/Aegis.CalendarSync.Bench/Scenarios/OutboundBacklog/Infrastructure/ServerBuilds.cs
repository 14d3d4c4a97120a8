namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

/// <summary>Where the server builds the scenario runs come from: this checkout's (built with the bench, same
/// configuration) and another commit's, exported with <c>git archive</c> into a cache folder and built once there.
/// An export, not a <c>git worktree</c>: the repository's metadata is shared with other checkouts and is left
/// untouched, and a run cut off half-way leaves nothing registered anywhere.</summary>
public static class ServerBuilds
{
    private const string ServerProject = "src/Aegis.CalendarSync.Server/Aegis.CalendarSync.Server.csproj";
    private const string CompleteMarker = ".aegis-bench-built";

    /// <summary>The repository this program was built from (the folder holding Aegis.CalendarSync.slnx).</summary>
    public static DirectoryInfo RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aegis.CalendarSync.slnx")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Aegis.CalendarSync.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>This checkout's server: src/Aegis.CalendarSync.Server/bin/{the bench's configuration}/{framework}/.</summary>
    public static string Current() => ServerDll(RepositoryRoot().FullName);

    /// <summary>The server of <paramref name="commit"/> (any revision git resolves), built in Release in
    /// <c>$TMPDIR/aegis-bench-builds/&lt;full hash&gt;</c> unless an earlier run already did; returns its dll and hash.</summary>
    public static async Task<(string Dll, string Commit)> OfCommitAsync(string commit, TextWriter progress, CancellationToken ct)
    {
        var repository = RepositoryRoot().FullName;
        var hash = (await ExternalCommand.RunAsync("git", ["-C", repository, "rev-parse", "--verify", commit + "^{commit}"], ct)).Trim();
        var folder = Path.Combine(Path.GetTempPath(), "aegis-bench-builds", hash);
        var dll = ServerDll(folder);
        if (File.Exists(Path.Combine(folder, CompleteMarker)) && File.Exists(dll))
        {
            progress.WriteLine($"[baseline] reusing the build of {hash[..7]} in {folder}");
            return (dll, hash);
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // an earlier build that did not finish
        }

        Directory.CreateDirectory(folder);
        progress.WriteLine($"[baseline] exporting {hash[..7]} to {folder} and building its server (once)");
        var archive = folder + ".tar";
        await ExternalCommand.RunAsync("git", ["-C", repository, "archive", "--format=tar", "-o", archive, hash], ct);
        await ExternalCommand.RunAsync("tar", ["-xf", archive, "-C", folder], ct);
        File.Delete(archive);
        await ExternalCommand.RunAsync("dotnet", ["build", ServerProject, "-c", Configuration, "-v", "q", "-nologo"], ct, workingDirectory: folder);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"the build of {hash} produced no {dll}");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, CompleteMarker), hash, ct);
        return (dll, hash);
    }

    /// <summary>The configuration this program was built in (bin/&lt;configuration&gt;/&lt;framework&gt;/).</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string Framework => new DirectoryInfo(AppContext.BaseDirectory).Name;

    private static string ServerDll(string root) =>
        Path.Combine(root, "src", "Aegis.CalendarSync.Server", "bin", Configuration, Framework, "Aegis.CalendarSync.Server.dll");
}
