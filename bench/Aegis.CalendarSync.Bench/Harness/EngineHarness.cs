using System.Net;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>The whole engine (AddAegisSyncEngine) on its own database, talking real HTTP to its own in-process
/// emulator, with one wallet user connected through the real OAuth flow. Background services are not started: the
/// benchmarks drive the queue and the syncs themselves, so only the measured work runs.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public const string Email = "bench.owner@example.com";
    private static readonly Uri RedirectUri = new("http://127.0.0.1:5080/api/google/auth/callback");
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly BenchDatabase _database;

    private EngineHarness(BenchDatabase database, EmulatorHost emulator, ServiceProvider services)
    {
        _database = database;
        Emulator = emulator;
        Services = services;
        Admin = new EmulatorAdminClient(_http, emulator.BaseUri);
    }

    public EmulatorHost Emulator { get; }
    public ServiceProvider Services { get; }
    public EmulatorAdminClient Admin { get; }
    public Guid UserId { get; private set; }
    public string StoreProvider => _database.Provider;

    public IFinancialEventStore Events => Services.GetRequiredService<IFinancialEventStore>();
    public ISyncService Sync => Services.GetRequiredService<ISyncService>();
    public IGoogleCalendarClient Google => Services.GetRequiredService<IGoogleCalendarClient>();
    public GoogleAccount Account => new(UserId);

    /// <summary>Starts an emulator, builds the engine on <paramref name="database"/> (which the harness then owns),
    /// migrates, and connects one user (which enqueues and runs the initial full sync).</summary>
    public static async Task<EngineHarness> StartAsync(BenchDatabase database, CancellationToken ct)
    {
        var emulator = await BenchEmulator.StartAsync(Email, ct);
        var config = new ConfigurationBuilder().AddInMemoryCollection(Settings(database, emulator)).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddAegisSyncEngine(config);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync(ct);

        var harness = new EngineHarness(database, emulator, provider);
        await harness.ConnectAsync(ct);
        return harness;
    }

    /// <summary>Inserts <paramref name="count"/> wallet events; the store's trigger enqueues one upsert each.</summary>
    public async Task<IReadOnlyList<FinancialEvent>> CreateEventsAsync(int count, CancellationToken ct)
    {
        var created = new List<FinancialEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var e = WalletEvents.New(UserId, i);
            await Events.InsertAsync(e, ct);
            created.Add(e);
        }

        return created;
    }

    /// <summary>Saves <paramref name="edit"/> of each event's current row as a wallet-side change.</summary>
    public async Task SaveAsync(IEnumerable<FinancialEvent> events, Func<FinancialEvent, FinancialEvent> edit, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var current = await Events.GetAsync(UserId, e.Id, ct) ?? throw new BenchmarkInvalidException($"Event {e.Id} vanished.");
            if (!await Events.UpdateAsync(edit(current) with { SyncSource = SyncSource.Aegis }, ct))
            {
                throw new BenchmarkInvalidException($"Event {e.Id} could not be updated.");
            }
        }
    }

    /// <summary>Current rows of <paramref name="events"/>, to count which ones a sync wrote.</summary>
    public async Task<IReadOnlyList<FinancialEvent?>> ReadAsync(IEnumerable<FinancialEvent> events, CancellationToken ct)
    {
        var rows = new List<FinancialEvent?>();
        foreach (var e in events)
        {
            rows.Add(await Events.GetAsync(UserId, e.Id, ct, includeDeleted: true));
        }

        return rows;
    }

    /// <summary>Changes Google holds after the stored sync token, i.e. what the next incremental sync will list.
    /// Reads without storing a new token, so the sync that follows sees the same changes.</summary>
    public async Task<int> CountPendingChangesAsync(CancellationToken ct)
    {
        var settings = await Services.GetRequiredService<ISettingsStore>().GetAsync(UserId, ct);
        var request = new ListEventsRequest { SyncToken = settings?.SyncToken ?? throw new BenchmarkInvalidException("No sync token stored."), MaxResults = 2500 };
        var count = 0;
        while (true)
        {
            var page = await Google.ListEventsAsync(Account, settings.CalendarId, request, ct);
            count += page.Items.Count;
            if (page.NextPageToken is not { } next)
            {
                return count;
            }

            request = request with { PageToken = next };
        }
    }

    public Task<DrainResult> DrainQueueAsync(CancellationToken ct) => QueueDrainer.DrainAsync(Services, ct);

    /// <summary>Starts a new counting window in the emulator's request log.</summary>
    public Task StartCountingCallsAsync(CancellationToken ct) => Admin.ClearRequestsAsync(ct);

    /// <summary>Calls answered since <see cref="StartCountingCallsAsync"/>; throws if any was throttled.</summary>
    public async Task<ApiCallTally> CountCallsAsync(CancellationToken ct) =>
        ApiCallTally.From(await Admin.GetRequestsAsync(ct)).EnsureNotThrottled();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
        _http.Dispose();
        await _database.DisposeAsync();
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var user = await Services.GetRequiredService<IUserStore>().CreateAsync(Email, "Benchmark owner", ct);
        UserId = user.Id;
        await Services.GetRequiredService<ISettingsStore>().UpsertAsync(new CalendarSyncSettings { UserId = UserId }, ct);
        var connection = Services.GetRequiredService<IGoogleConnectionService>();
        var authorize = await connection.StartAuthorizationAsync(UserId, RedirectUri, ct);
        using var response = await _http.GetAsync(authorize, ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            throw new BenchmarkInvalidException($"The emulator did not auto-approve the consent (HTTP {(int)response.StatusCode}).");
        }

        var query = QueryHelpers.ParseQuery(location.Query);
        await connection.CompleteAuthorizationAsync(query["state"], query["code"], null, RedirectUri, ct);
        await DrainQueueAsync(ct);
    }

    private static Dictionary<string, string?> Settings(BenchDatabase database, EmulatorHost emulator)
    {
        var settings = BenchEmulator.EngineSettings(emulator);
        foreach (var (key, value) in database.StoreSettings())
        {
            settings[key] = value;
        }

        // Nothing listens here: these benchmarks drive inbound sync directly instead of through push notifications.
        settings["Connection:PublicBaseUrl"] = "http://127.0.0.1:9";
        return settings;
    }
}
