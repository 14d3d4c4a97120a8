using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Load;
using Aegis.CalendarSync.Bench.Measurement;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Scenarios;

/// <summary>Valid Google pushes against the real server's webhook on PostgreSQL, posted by a second process
/// (<see cref="WebhookLoadProcess"/>) on <see cref="Concurrency"/> keep-alive connections for a fixed time per trial.
/// A: the channel row read (and its secret decrypted) on every push, as before issue 12
/// (<c>Connection:PushChannelCacheTtl=0</c>); B: the cached channel (default). Both arms debounce the syncs the pushes
/// cause. Items are requests; items/s is req/s; latencies are per request (p50/p95/p99/max). Counter: queue items the
/// server completed in the timed region (incremental syncs the pushes caused), per request.</summary>
public sealed class WebhookLoadScenario : IScenario
{
    public const int Concurrency = 16;

    public string Name => "webhook-load";

    public string Description => $"valid pushes to the real server's webhook from a second process, {Concurrency} connections, fixed duration per trial";

    public string ArmA => "channel read per push";

    public string ArmB => "cached channel";

    public IReadOnlyList<string> Counters => [CounterNames.QueueItems];

    public async Task<IScenarioSession> StartAsync(BenchProfile profile, CancellationToken ct)
    {
        var uncached = await ServerHarness.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false), 0, ct,
            new Dictionary<string, string?> { ["Connection:PushChannelCacheTtl"] = "00:00:00" });
        try
        {
            var cached = await ServerHarness.StartAsync(await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false), 0, ct);
            return new Session(uncached, cached, TimeSpan.FromSeconds(profile.Quick ? 2 : 5));
        }
        catch
        {
            await uncached.DisposeAsync();
            throw;
        }
    }

    private sealed class Session(ServerHarness uncached, ServerHarness cached, TimeSpan duration) : IScenarioSession
    {
        private readonly Dictionary<ServerHarness, long> _nextMessage = [];

        public async Task<Trial> RunAsync(Arm arm, CancellationToken ct)
        {
            var h = arm == Arm.A ? uncached : cached;
            var channel = await h.Services.GetRequiredService<ISettingsStore>().GetAsync(h.UserId, ct)
                ?? throw new BenchmarkInvalidException("The bench user has no settings row.");
            var completedBefore = await h.CompletedQueueItemsAsync(ct);
            var result = await WebhookLoadProcess.RunAsync(new WebhookLoadRequest(
                new Uri(h.BaseUri, "api/webhooks/google-calendar"), channel.GoogleChannelId!, channel.WebhookSecret!,
                channel.GoogleResourceId!, Math.Max(channel.LastMessageNumber, _nextMessage.GetValueOrDefault(h)), duration, Concurrency), ct);
            _nextMessage[h] = result.LastMessageNumber;
            if (result.Failures > 0 || result.LatenciesMs.Count == 0)
            {
                throw new BenchmarkInvalidException($"{result.Failures} of {result.LatenciesMs.Count} pushes failed.");
            }

            // Let the syncs the last pushes caused finish, so they are counted in this trial and not the next.
            await h.WaitUntilQuietAsync(completedBefore, ct);
            var completed = await h.CompletedQueueItemsAsync(ct) - completedBefore;
            return new Trial(result.LatenciesMs.Count, TimeSpan.FromMilliseconds(result.ElapsedMs),
                new Dictionary<string, double> { [CounterNames.QueueItems] = completed },
                result.LatenciesMs.Select(TimeSpan.FromMilliseconds).ToList());
        }

        public async ValueTask DisposeAsync()
        {
            await uncached.DisposeAsync();
            await cached.DisposeAsync();
        }
    }
}
