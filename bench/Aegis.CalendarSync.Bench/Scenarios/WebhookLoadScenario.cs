using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Load;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>Valid Google pushes against the real server's webhook on PostgreSQL, posted by a second process
/// (<see cref="WebhookLoadProcess"/>) on <see cref="Concurrency"/> keep-alive connections for a fixed time per trial,
/// round-robin over the push channels of <see cref="Channels"/> connected users. A: the channel row read (and its
/// secret decrypted) on every push, as before issue 12 (<c>Connection:PushChannelCacheTtl=0</c>); B: the cached
/// channel (default). Both arms debounce per channel on the node (a push within an open window writes nothing).
/// Items are requests; items/s is req/s; latencies are per request (p50/p95/p99/max). Counters: queue items the
/// server completed for the trial (the incremental syncs the pushes caused) and the debounce windows the trial spans
/// (channels x duration / Connection:PushDebounce): syncs per window = queueItems / windows.</summary>
public sealed class WebhookLoadScenario : IScenario
{
    public const int Concurrency = 16;
    public const int Channels = 8;
    public const string Windows = "debounceWindows";

    public string Name => "webhook-load";

    public string Description => $"valid pushes for {Channels} channels to the real server's webhook from a second process, {Concurrency} connections, fixed duration per trial";

    public string ArmA => "channel read per push";

    public string ArmB => "cached channel";

    public IReadOnlyList<string> Counters => [CounterNames.QueueItems, Windows];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var uncached = await StartServerAsync(new Dictionary<string, string?> { ["Connection:PushChannelCacheTtl"] = "00:00:00" }, ct);
        try
        {
            var cached = await StartServerAsync(null, ct);
            return new Session(uncached, cached, TimeSpan.FromSeconds(profile.Quick ? 2 : 10));
        }
        catch
        {
            await uncached.DisposeAsync();
            throw;
        }
    }

    private static async Task<ServerHarness> StartServerAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        var h = await ServerHarness.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false), 0, ct, settings);
        try
        {
            for (var i = 1; i < Channels; i++)
            {
                await h.ConnectUserAsync($"bench.webhook{i}@example.com", ct);
            }

            return h;
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(ServerHarness uncached, ServerHarness cached, TimeSpan duration) : IScenarioSession
    {
        private readonly Dictionary<(ServerHarness, string), long> _nextMessage = [];

        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var h = arm == Arm.A ? uncached : cached;
            var settings = h.Services.GetRequiredService<ISettingsStore>();
            var channels = (await settings.ListEnabledAsync(ct))
                .Select(c => new WebhookLoadChannel(c.GoogleChannelId!, c.WebhookSecret!, c.GoogleResourceId!,
                    Math.Max(c.LastMessageNumber, _nextMessage.GetValueOrDefault((h, c.GoogleChannelId!)))))
                .ToList();
            if (channels.Count != Channels)
            {
                throw new BenchmarkInvalidException($"{channels.Count} connected channels, not {Channels}.");
            }

            var completedBefore = await h.CompletedQueueItemsAsync(ct);
            var result = await WebhookLoadProcess.RunAsync(new WebhookLoadRequest(
                new Uri(h.BaseUri, "api/webhooks/google-calendar"), channels, duration, Concurrency), ct);
            foreach (var (channel, last) in channels.Zip(result.LastMessageNumbers))
            {
                _nextMessage[(h, channel.ChannelId)] = last;
            }

            if (result.Failures > 0 || result.LatenciesMs.Count == 0)
            {
                throw new BenchmarkInvalidException($"{result.Failures} of {result.LatenciesMs.Count} pushes failed.");
            }

            // Let the syncs the last pushes caused (the windows still open when the load stopped) finish, so they are
            // counted in this trial and not the next.
            var debounce = h.Services.GetRequiredService<IOptions<ConnectionOptions>>().Value.PushDebounce;
            await Task.Delay(2 * debounce, ct);
            await h.WaitUntilQuietAsync(completedBefore, ct);
            var completed = await h.CompletedQueueItemsAsync(ct) - completedBefore;
            var windows = Channels * Math.Ceiling(result.ElapsedMs / debounce.TotalMilliseconds);
            Console.Error.WriteLine($"[webhook-load] {arm}: {result.LatenciesMs.Count / (result.ElapsedMs / 1000):F0} req/s, " +
                $"{completed} incremental syncs in {windows} windows ({completed / windows:F2} per window)");
            return new Trial(result.LatenciesMs.Count, TimeSpan.FromMilliseconds(result.ElapsedMs),
                new Dictionary<string, double> { [CounterNames.QueueItems] = completed, [Windows] = windows },
                result.LatenciesMs.Select(TimeSpan.FromMilliseconds).ToList());
        }

        public async ValueTask DisposeAsync()
        {
            await uncached.DisposeAsync();
            await cached.DisposeAsync();
        }
    }
}
