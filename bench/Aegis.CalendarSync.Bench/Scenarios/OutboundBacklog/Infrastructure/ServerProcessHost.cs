using System.Diagnostics;
using Aegis.CalendarSync.Bench.Harness;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

/// <summary>A build of the product's server run as its own process (<c>dotnet Aegis.CalendarSync.Server.dll</c>,
/// configured from the environment exactly as deployed), so its CPU time is its own and any build of it, today's or
/// another commit's, can be measured alike. Keeps the last lines of its output for error messages.</summary>
public sealed class ServerProcessHost : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServerProcessHost(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    /// <summary>The process's last lines of output (stdout and stderr interleaved).</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    /// <summary>Starts <paramref name="serverDll"/> listening on <paramref name="baseUri"/> and returns once its
    /// <c>/healthz</c> answers.</summary>
    public static async Task<ServerProcessHost> StartAsync(string serverDll, Uri baseUri, IReadOnlyDictionary<string, string> environment,
        CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll },
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUri.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var host = new ServerProcessHost(Process.Start(start) ?? throw new BenchmarkInvalidException("could not start the server"), baseUri);
        try
        {
            await host.WaitUntilHealthyAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new BenchmarkInvalidException($"the server exited with {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                if ((await http.GetAsync("healthz", ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(100, ct);
        }

        throw new BenchmarkInvalidException($"the server did not answer /healthz within 120 s:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
