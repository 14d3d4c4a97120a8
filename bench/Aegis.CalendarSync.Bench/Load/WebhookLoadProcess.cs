using System.Diagnostics;
using System.Text.Json;
using Aegis.CalendarSync.Bench.Harness;

namespace Aegis.CalendarSync.Bench.Load;

/// <summary>Starts this program again in <see cref="WebhookLoad"/> mode and reads its result; killed if it outlives
/// its duration by more than <see cref="Grace"/>.</summary>
public static class WebhookLoadProcess
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static async Task<WebhookLoadResult> RunAsync(WebhookLoadRequest request, CancellationToken ct)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(WebhookLoad).Assembly.Location);
        }

        start.ArgumentList.Add(WebhookLoad.Flag);
        start.ArgumentList.Add(JsonSerializer.Serialize(request));
        using var process = Process.Start(start) ?? throw new BenchmarkInvalidException("The webhook load process did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(request.Duration + Grace);
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new BenchmarkInvalidException($"The webhook load process exited with {process.ExitCode}.");
            }

            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            return JsonSerializer.Deserialize<WebhookLoadResult>(last) ?? throw new BenchmarkInvalidException("No webhook load result.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkInvalidException($"The webhook load process ran past {request.Duration + Grace}.");
        }
    }
}
