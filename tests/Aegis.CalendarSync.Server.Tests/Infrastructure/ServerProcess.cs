using System.Diagnostics;
using System.Text;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>The built server run as its own process (<c>dotnet Aegis.CalendarSync.Server.dll</c>) with environment
/// configuration, exactly as deployed. Output is captured for failure messages.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data is not null) lock (_output) _error.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUri { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>What the process wrote to stderr only.</summary>
    public string Error
    {
        get { lock (_output) return _error.ToString(); }
    }

    /// <summary>Starts the build output's server, or <paramref name="dll"/> (e.g. a publish folder's).</summary>
    public static async Task<ServerProcess> StartAsync(Uri baseUri, IReadOnlyDictionary<string, string> environment, string? dll = null)
    {
        var server = new ServerProcess(Process.Start(StartInfo(baseUri, environment, dll))!, baseUri);
        try
        {
            await server.WaitUntilHealthyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>For configurations that must refuse to start: waits for the process to exit by itself.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(Uri baseUri, IReadOnlyDictionary<string, string> environment)
    {
        var exited = await RunToExitWithStderrAsync(baseUri, environment);
        return (exited.ExitCode, exited.Output);
    }

    /// <summary>As <see cref="RunToExitAsync"/>, also returning stderr on its own.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitWithStderrAsync(Uri baseUri,
        IReadOnlyDictionary<string, string> environment)
    {
        await using var server = new ServerProcess(Process.Start(StartInfo(baseUri, environment, null))!, baseUri);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await server._process.WaitForExitAsync(timeout.Token);
        server._process.WaitForExit(); // flushes the redirected output
        return (server._process.ExitCode, server.Output, server.Error);
    }

    private static ProcessStartInfo StartInfo(Uri baseUri, IReadOnlyDictionary<string, string> environment, string? serverDll)
    {
        var dll = serverDll ?? LocateServerDll();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUri.AbsoluteUri.TrimEnd('/');
        // The run command's embedded emulator listens on a fixed port (5081) and persists its state; test processes
        // run side by side with each other and with a developer's demo, so each takes a free port and keeps no state
        // unless the test asks otherwise.
        start.Environment["Emulator__Port"] = "0";
        start.Environment["Emulator__PersistState"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>kill -9: the process ends at once, with no shutdown of its own (leases held, requests in flight).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true); // SIGKILL on Linux
        await _process.WaitForExitAsync();
    }

    /// <summary>Folder where every server's output is kept when the process ends (environment variable of the test
    /// run; unset: nothing is written), to read what a server did in a run that failed.</summary>
    public const string LogDirectoryVariable = "AEGIS_TEST_SERVER_LOG_DIR";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        if (Environment.GetEnvironmentVariable(LogDirectoryVariable) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, $"server-{BaseUri.Port}-{_process.Id}.log"), Output);
        }
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await ProbeHealthAsync(http);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Output}", e);
        }
    }

    private Task ProbeHealthAsync(HttpClient http) =>
        Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                return (await http.GetAsync("healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
            {
                // A probe that took longer than the client's 5 s (a starting server on a loaded machine): not an
                // answer yet, asked again until the deadline.
                return false;
            }
        }, "the server process to answer /healthz", TimeSpan.FromSeconds(90));

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>src/Aegis.CalendarSync.Server/bin/{same configuration as the tests}/net10.0/Aegis.CalendarSync.Server.dll.</summary>
    public static string LocateServerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Aegis.CalendarSync.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Aegis.CalendarSync.slnx not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(root.FullName, "src", "Aegis.CalendarSync.Server", "bin", configuration, framework, "Aegis.CalendarSync.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first.", dll);
    }
}
