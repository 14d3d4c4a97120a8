using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Aegis.CalendarSync.Bench.Load;

/// <summary>The load generator of the webhook scenario, run as a second process (<c>--webhook-load</c>) so the
/// server's process spends its CPU on serving only: <see cref="WebhookLoadRequest.Concurrency"/> keep-alive
/// connections post valid Google pushes for <see cref="WebhookLoadRequest.Duration"/>, round-robin over the request's
/// channels (increasing message numbers per channel), then one JSON line with every request's latency goes to stdout.</summary>
public static class WebhookLoad
{
    public const string Flag = "--webhook-load";

    public static async Task<int> RunAsync(string requestJson)
    {
        var request = JsonSerializer.Deserialize<WebhookLoadRequest>(requestJson)
            ?? throw new ArgumentException("Empty webhook load request.", nameof(requestJson));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = request.Concurrency, UseCookies = false });
        var next = request.Channels.Select(c => c.FirstMessageNumber).ToArray();
        var turn = -1L;
        var failures = 0;
        var latencies = new List<double>[request.Concurrency];
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(request.Duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync(int worker)
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var index = (int)(Interlocked.Increment(ref turn) % request.Channels.Count);
                var channel = request.Channels[index];
                using var push = new HttpRequestMessage(HttpMethod.Post, request.Url);
                push.Headers.Add("X-Goog-Channel-ID", channel.ChannelId);
                push.Headers.Add("X-Goog-Channel-Token", channel.Token);
                push.Headers.Add("X-Goog-Resource-ID", channel.ResourceId);
                push.Headers.Add("X-Goog-Resource-State", "exists");
                push.Headers.Add("X-Goog-Message-Number", Interlocked.Increment(ref next[index]).ToString(CultureInfo.InvariantCulture));
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(push);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, request.Concurrency).Select(w => Task.Run(() => WorkerAsync(w))));
        var result = new WebhookLoadResult(Stopwatch.GetElapsedTime(start).TotalMilliseconds, failures,
            latencies.SelectMany(l => l).ToList(), next);
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}

public sealed record WebhookLoadRequest(Uri Url, IReadOnlyList<WebhookLoadChannel> Channels, TimeSpan Duration, int Concurrency);

/// <summary>One push channel the load posts to; its first push is numbered <see cref="FirstMessageNumber"/> + 1.</summary>
public sealed record WebhookLoadChannel(string ChannelId, string Token, string ResourceId, long FirstMessageNumber);

/// <summary><see cref="LastMessageNumbers"/>: the last number posted per channel, in the request's order.</summary>
public sealed record WebhookLoadResult(double ElapsedMs, int Failures, IReadOnlyList<double> LatenciesMs, IReadOnlyList<long> LastMessageNumbers);
