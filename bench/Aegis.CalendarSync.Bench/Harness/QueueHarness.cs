using System.Globalization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>The store and the queue processor alone, with <see cref="NoOpWorkHandler"/> in place of the sync engine's
/// handler, for one "Queue:WorkerCount". Several harnesses may share one database: each has its own user, and each
/// trial drains the whole queue.</summary>
public sealed class QueueHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private QueueHarness(ServiceProvider services, Guid userId)
    {
        _services = services;
        UserId = userId;
    }

    public Guid UserId { get; }

    public static async Task<QueueHarness> StartAsync(TestDatabase database, int workerCount, int batchSize, CancellationToken ct)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(database.StoreSettings())
        {
            ["Queue:WorkerCount"] = workerCount.ToString(CultureInfo.InvariantCulture),
            ["Queue:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddAegisStore(config);
        services.AddSingleton<ISyncWorkHandler, NoOpWorkHandler>();
        services.AddAegisQueue();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync(ct);

        // The trigger only enqueues for users with sync enabled.
        var user = await provider.GetRequiredService<IUserStore>().CreateAsync($"queue-{workerCount}-{Guid.NewGuid():N}@example.com", "Queue bench", ct);
        await provider.GetRequiredService<ISettingsStore>().UpsertAsync(new CalendarSyncSettings { UserId = user.Id, Enabled = true }, ct);
        return new QueueHarness(provider, user.Id);
    }

    /// <summary>Inserts <paramref name="count"/> wallet events; the trigger enqueues one to_google item each.</summary>
    public async Task EnqueueAsync(int count, CancellationToken ct)
    {
        var events = _services.GetRequiredService<IFinancialEventStore>();
        for (var i = 0; i < count; i++)
        {
            await events.InsertAsync(WalletEvents.New(UserId, i), ct);
        }
    }

    public Task<DrainResult> DrainAsync(CancellationToken ct) => CleanDrain.RunAsync(_services, ct);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
