using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>The real product host (<see cref="TestServerHost"/>: Kestrel, webhook, queue processor, signals, every
/// hosted service) on a free loopback port, with its own database and its own emulator started here (the embedded
/// one disabled) whose push notifications reach the server's real webhook. One user signs in through the API and
/// connects Google through the real OAuth redirects; <see cref="Events"/> are wallet events created and fully synced
/// before any measurement. Nothing is driven by hand: every sync is the server reacting by itself.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string Email = "bench.server@example.com";
    private readonly TestServerHost _host;
    private readonly TestDatabase _database;

    private ServerHarness(TestServerHost host, EmulatorHost emulator, TestDatabase database)
    {
        _host = host;
        Emulator = emulator;
        _database = database;
    }

    public Uri BaseUri => _host.BaseUri;
    public EmulatorHost Emulator { get; }
    public EmulatorAdminClient Admin => _host.EmulatorAdmin;
    public Guid UserId { get; private set; }
    public IReadOnlyList<FinancialEvent> Events { get; private set; } = [];
    public string StoreProvider => _database.Provider;

    /// <summary>Reads Google's side through the Calendar API, as an independent client.</summary>
    public EmulatorEventReader GoogleReader { get; private set; } = null!;

    public IServiceProvider Services => _host.Services;

    public IFinancialEventStore EventStore => _host.Get<IFinancialEventStore>();
    public ISyncQueueStore Queue => _host.Get<ISyncQueueStore>();

    /// <summary>Starts the emulator and the server on <paramref name="database"/> (which the harness then owns),
    /// connects one user and creates <paramref name="eventCount"/> wallet events, returning once every one is
    /// mapped to a Google event and the queue is quiet. <paramref name="settings"/> override the server's configuration.</summary>
    public static async Task<ServerHarness> StartAsync(TestDatabase database, int eventCount, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var emulator = await BenchEmulator.StartAsync(Email, ct);
        TestServerHost host;
        try
        {
            host = await TestServerHost.StartAsync(Options(database, emulator, settings ?? new Dictionary<string, string?>()), ct);
        }
        catch
        {
            await emulator.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }

        var harness = new ServerHarness(host, emulator, database);
        try
        {
            await harness.ConnectAsync(ct);
            harness.GoogleReader = await EmulatorEventReader.CreateAsync(harness.Admin, emulator.BaseUri, Email, ct);
            await harness.CreateSyncedEventsAsync(eventCount, ct);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another wallet user connected to a Google account of its own (so a push channel of its own), once its
    /// initial full sync has run; returns the user's id.</summary>
    public async Task<Guid> ConnectUserAsync(string email, CancellationToken ct)
    {
        var completed = await CompletedQueueItemsAsync(ct);
        var user = await _host.CreateUserAsync(email, ct);
        await _host.ConnectGoogleAsync(user, ct, googleAccount: email);
        user.Client.Dispose();
        await WaitUntilQuietAsync(completed + 1, ct);
        return user.Id;
    }

    public Task<long> CompletedQueueItemsAsync(CancellationToken ct) => QueueQuiescence.CompletedAsync(Queue, ct);

    public Task WaitUntilQuietAsync(long completedAtLeast, CancellationToken ct) => QueueQuiescence.WaitAsync(Queue, completedAtLeast, ct);

    /// <summary>Starts a new counting window in the emulator's request log.</summary>
    public Task StartCountingCallsAsync(CancellationToken ct) => Admin.ClearRequestsAsync(ct);

    /// <summary>Calls answered since <see cref="StartCountingCallsAsync"/>; throws if any was throttled.</summary>
    public Task<ApiCallTally> CountCallsAsync(CancellationToken ct) => ApiCallTally.CountAsync(Admin, ct);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        GoogleReader?.Dispose();
        await Emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static TestServerOptions Options(TestDatabase database, EmulatorHost emulator, IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = BenchRateLimits.ClientSettings();
        // Overrides the server's appsettings.json (copied next to this program), whose default level is Information.
        settings["Logging:LogLevel:Default"] = nameof(LogLevel.Warning);
        // The framework's start-up warnings here (no wwwroot next to this program, unencrypted data-protection keys
        // in a temp folder) are expected in a benchmark host; the product's own warnings stay visible.
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Error);
        // The feed scenario polls from one loopback address far faster than the per-address limit allows a client.
        settings["CalendarFeed:RequestsPerMinutePerClient"] = "1000000";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new TestServerOptions
        {
            Database = database,
            Emulator = emulator,
            Settings = settings,
            Logging = logging =>
            {
                // Warnings (a rejected push, a failed sync) go to stderr with the progress lines; stdout stays the report.
                logging.AddSimpleConsole(o => o.SingleLine = true);
                logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            },
        };
    }

    /// <summary>Signs in through POST /api/auth/token, then follows GET /api/google/auth/start like a browser: 302 to
    /// the emulator's authorize endpoint, which auto-approves with a 302 to the server's callback, which stores the
    /// tokens, registers the push channel and enqueues the initial full sync.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        var user = await _host.CreateUserAsync(Email, ct);
        UserId = user.Id;
        await _host.ConnectGoogleAsync(user, ct);
        user.Client.Dispose();
        await WaitUntilQuietAsync(completedAtLeast: 1, ct);
    }

    private async Task CreateSyncedEventsAsync(int count, CancellationToken ct)
    {
        var completed = await CompletedQueueItemsAsync(ct);
        var created = new List<FinancialEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var e = WalletEvents.New(UserId, i);
            await EventStore.InsertAsync(e, ct);
            created.Add(e);
        }

        // One upsert per event, then the echo syncs the pushes for those inserts trigger.
        await WaitUntilQuietAsync(completed + count, ct);
        var mappings = _host.Get<IMappingStore>();
        foreach (var e in created)
        {
            if (await mappings.GetByEventAsync(UserId, e.Id, ct) is null)
            {
                throw new BenchmarkInvalidException($"{StoreProvider}: event {e.Id} was not synced to Google.");
            }
        }

        Events = created;
    }
}
