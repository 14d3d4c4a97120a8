using System.Net;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Testing.Clock;
using Aegis.CalendarSync.Testing.Databases;
using Aegis.CalendarSync.Testing.Statements;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>The whole engine (AddAegisSyncEngine) on a real database, talking real HTTP to its own in-process emulator
/// (consent auto-approved). Background services are not started: the caller drives the queue with
/// <see cref="DrainQueueAsync"/> and the syncs through <see cref="Sync"/>, so only the work under test runs.</summary>
public sealed class SyncHarness : EngineStores, IAsyncDisposable
{
    public const string Email = "wallet.owner@example.com";
    public const int MaxDrainClaims = 50;
    public static readonly Uri RedirectUri = new("http://127.0.0.1:5080/api/google/auth/callback");
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly TestDatabase _database;
    private readonly SyncHarnessOptions _options;

    private SyncHarness(TestDatabase database, SyncHarnessOptions options, EmulatorHost emulator, ServiceProvider services)
    {
        _database = database;
        _options = options;
        Emulator = emulator;
        Services = services;
        Admin = new EmulatorAdminClient(_http, emulator.BaseUri);
    }

    public EmulatorHost Emulator { get; }
    public ServiceProvider Services { get; }
    public EmulatorAdminClient Admin { get; }
    public Guid UserId { get; private set; }
    public string StoreProvider => _database.Provider;

    public ISyncService Sync => Services.GetRequiredService<ISyncService>();
    public IGoogleCalendarClient Google => Services.GetRequiredService<IGoogleCalendarClient>();
    public GoogleAccount Account => new(UserId);

    protected override IServiceProvider StoreServices => Services;

    /// <summary>Empties <paramref name="database"/>, starts an emulator and builds the engine on both, migrated; no
    /// user yet (see <see cref="ConnectAsync"/>).</summary>
    public static async Task<SyncHarness> StartAsync(TestDatabase database, SyncHarnessOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SyncHarnessOptions();
        if (options.SharedClock is not null && (options.GoogleClockSkew != TimeSpan.Zero || options.Clock is not null))
        {
            throw new ArgumentException("A shared clock excludes a Google clock skew and a wallet-only clock.", nameof(options));
        }

        await database.ResetAsync();
        var emulatorOptions = new EmulatorOptions
        {
            AutoApprove = true,
            DefaultAccountEmail = Email,
            TimeProvider = options.SharedClock ?? (options.GoogleClockSkew == TimeSpan.Zero ? TimeProvider.System : TestClock.SystemShiftedBy(options.GoogleClockSkew)),
        };
        if (options.GoogleRequestsPerMinute is { } perMinute)
        {
            emulatorOptions.RequestsPerUserPerMinute = perMinute;
            emulatorOptions.RequestsPerProjectPerMinute = perMinute;
        }

        var emulator = await EmulatorHost.StartAsync(emulatorOptions, ct);
        var settings = emulator.GoogleClientSettings();
        foreach (var (key, value) in database.StoreSettings())
        {
            settings[key] = value;
        }

        settings["Google:RetryBaseDelay"] = "00:00:00.050";
        settings["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey();
        settings["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret();
        // Nothing listens here: inbound sync is driven directly; the server tests cover the webhook.
        settings["Connection:PublicBaseUrl"] = "http://127.0.0.1:9";
        // The tests read and write Google's primary calendar; a test of the dedicated default sets "Dedicated".
        settings["Connection:NewConnectionCalendar"] = "Primary";
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        if ((options.SharedClock ?? options.Clock) is { } clock)
        {
            services.AddSingleton(clock);
        }

        services.AddLogging();

        services.AddAegisSyncEngine(config);
        if (options.Statements is { } counter)
        {
            Statements.CountingConnectionFactory.Decorate(services, counter);
        }

        options.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync(ct);
        return new SyncHarness(database, options, emulator, provider);
    }

    /// <summary>Creates the wallet user without connecting Google (its writes enqueue nothing until it connects); a
    /// harness that runs several users one after another (a property test's cases) gives each its own address.</summary>
    public async Task CreateUserAsync(string email = Email, CancellationToken ct = default) =>
        UserId = (await Users.CreateAsync(email, "Wallet owner", ct)).Id;

    /// <summary>Creates the wallet user (unless <see cref="CreateUserAsync"/> did) and connects Google through the real
    /// OAuth flow (code + PKCE, auto-approved), gives the go-ahead for the first sync (<see cref="StartFirstSyncAsync"/>)
    /// and drains it. The calendar is marked for import first (the events a person creates there become financial events).</summary>
    public Task ConnectAsync(ConflictStrategy strategy = ConflictStrategy.LastWriteWins, CancellationToken ct = default) =>
        ConnectAsync(strategy, importForeignEvents: true, ct);

    /// <summary><see cref="ConnectAsync(ConflictStrategy, CancellationToken)"/>, the calendar marked for import or not.</summary>
    public async Task ConnectAsync(ConflictStrategy strategy, bool importForeignEvents, CancellationToken ct = default)
    {
        if (UserId == Guid.Empty)
        {
            await CreateUserAsync(ct: ct);
        }

        await Settings.UpsertAsync(new CalendarSyncSettings { UserId = UserId, ConflictStrategy = strategy, ImportForeignEvents = importForeignEvents }, ct);
        var connection = Services.GetRequiredService<IGoogleConnectionService>();
        var authorize = await connection.StartAuthorizationAsync(UserId, RedirectUri, ct);
        var (code, state) = await AuthorizeAsync(authorize, ct);
        await connection.CompleteAuthorizationAsync(state, code, null, RedirectUri, ct);
        await StartFirstSyncAsync(ct);
        await DrainQueueAsync(ct);
    }

    /// <summary>The user's go-ahead for the first sync of the connection just made (every connect waits for it), as the
    /// preview's Start does; asserts it started.</summary>
    public async Task StartFirstSyncAsync(CancellationToken ct = default) =>
        Assert.IsType<FirstSyncResult.Started>(await Services.GetRequiredService<FirstSyncCommands>().StartAsync(UserId, ct));

    /// <summary>Follows Google's authorize URL (auto-approved) and reads code and state off the redirect.</summary>
    public async Task<(string? Code, string? State)> AuthorizeAsync(Uri authorize, CancellationToken ct = default)
    {
        using var response = await _http.GetAsync(authorize, ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return (query["code"], query["state"]);
    }

    /// <summary>Runs the queue until nothing is due; returns the number of items processed. More than
    /// <see cref="MaxDrainClaims"/> non-empty claims fail the test as a sync loop.</summary>
    public async Task<int> DrainQueueAsync(CancellationToken ct = default) =>
        (await QueueDrainer.DrainAsync(Services, MaxDrainClaims, ct)).Items;

    public async Task<FinancialEvent> CreateEventAsync(string title = "Rent", EventType type = EventType.Bill, decimal amount = 950m)
    {
        var start = DateTimeOffset.UtcNow.Date.AddDays(5);
        var e = new FinancialEvent
        {
            Id = Guid.NewGuid(),
            UserId = UserId,
            Title = title,
            Description = "Flat 2B",
            Amount = amount,
            Currency = "EUR",
            EventType = type,
            Status = EventStatus.Pending,
            StartAt = new DateTimeOffset(start.AddHours(9), TimeSpan.Zero),
            EndAt = new DateTimeOffset(start.AddHours(10), TimeSpan.Zero),
            TimeZone = "Europe/Lisbon",
            AllDay = false,
            SyncSource = SyncSource.Aegis,
        };
        await Events.InsertAsync(e, CancellationToken.None);
        return (await Events.GetAsync(UserId, e.Id, CancellationToken.None))!;
    }

    /// <summary>Saves <paramref name="edit"/> of the event's current row as a wallet-side change; returns the stored row.</summary>
    public async Task<FinancialEvent> EditLocallyAsync(Guid id, Func<FinancialEvent, FinancialEvent> edit)
    {
        var current = (await Events.GetAsync(UserId, id, CancellationToken.None))!;
        Assert.True(await Events.UpdateAsync(edit(current) with { SyncSource = SyncSource.Aegis }, CancellationToken.None));
        return (await Events.GetAsync(UserId, id, CancellationToken.None))!;
    }

    public Task<GoogleEvent> GetRemoteAsync(Guid financialEventId) =>
        Google.GetEventAsync(Account, "primary", GoogleEventId.FromFinancialEventId(financialEventId), CancellationToken.None);

    public async Task<IReadOnlyList<GoogleEvent>> ListRemoteAsync()
    {
        var page = await Google.ListEventsAsync(Account, "primary", new ListEventsRequest { MaxResults = 2500 }, CancellationToken.None);
        return page.Items ?? [];
    }

    public Task<IReadOnlyDictionary<string, int>> CountsAsync() => Admin.GetRequestCountsAsync();

    /// <summary>API calls per operation made between two snapshots of the emulator's request log.</summary>
    public static IReadOnlyDictionary<string, int> Delta(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after) =>
        after.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.Key, p => p.Count);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
        _http.Dispose();
        if (_options.OwnsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}
