using System.Net;
using System.Security.Cryptography;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Tests.Store;
using GoogleCalendarEmulator.Hosting;
using GoogleCalendarEmulator.Admin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The whole engine (AddAegisSyncEngine) on a real database, talking real HTTP to an in-process emulator.
/// Background services are not started: tests drive the queue with <see cref="DrainQueueAsync"/>.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public const string Email = "wallet.owner@example.com";
    public static readonly Uri RedirectUri = new("http://127.0.0.1:5080/api/google/auth/callback");
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private SyncHarness(EmulatorHost emulator, ServiceProvider services)
    {
        Emulator = emulator;
        Services = services;
        Admin = new EmulatorAdminClient(_http, emulator.BaseUri);
    }

    public EmulatorHost Emulator { get; }
    public ServiceProvider Services { get; }
    public EmulatorAdminClient Admin { get; }
    public Guid UserId { get; private set; }

    public IFinancialEventStore Events => Services.GetRequiredService<IFinancialEventStore>();
    public IMappingStore Mappings => Services.GetRequiredService<IMappingStore>();
    public ISettingsStore Settings => Services.GetRequiredService<ISettingsStore>();
    public ISyncQueueStore Queue => Services.GetRequiredService<ISyncQueueStore>();
    public IAuditStore Audit => Services.GetRequiredService<IAuditStore>();
    public IConflictStore Conflicts => Services.GetRequiredService<IConflictStore>();
    public ISyncService Sync => Services.GetRequiredService<ISyncService>();
    public IGoogleCalendarClient Google => Services.GetRequiredService<IGoogleCalendarClient>();
    public GoogleAccount Account => new(UserId);

    /// <param name="googleClockSkew">Offset of the emulator's clock from the wallet's (Google's <c>updated</c> times).</param>
    public static async Task<SyncHarness> StartAsync(TestDatabase database, IDictionary<string, string?>? overrides = null,
        TimeSpan googleClockSkew = default)
    {
        await database.ResetAsync();
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            AutoApprove = true,
            DefaultAccountEmail = Email,
            TimeProvider = googleClockSkew == TimeSpan.Zero ? TimeProvider.System : new SkewedTimeProvider(googleClockSkew),
        });
        var settings = emulator.GoogleClientSettings();
        settings["Store:Provider"] = database.Provider;
        settings["Store:ConnectionString"] = database.ConnectionString;
        settings["Google:RetryBaseDelay"] = "00:00:00.050";
        settings["TOKENS_ENCRYPTION_KEY"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        settings["WEBHOOK_SECRET"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Nothing listens here: engine tests drive inbound sync directly; the server tests cover the webhook.
        settings["Connection:PublicBaseUrl"] = "http://127.0.0.1:9";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddAegisSyncEngine(config);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<IStoreMigrator>().MigrateAsync(CancellationToken.None);
        return new SyncHarness(emulator, provider);
    }

    /// <summary>Creates the wallet user and connects Google through the real OAuth flow (code + PKCE, auto-approved).</summary>
    public async Task ConnectAsync(ConflictStrategy strategy = ConflictStrategy.LastWriteWins)
    {
        var user = await Services.GetRequiredService<IUserStore>().CreateAsync(Email, "Wallet owner", CancellationToken.None);
        UserId = user.Id;
        await Settings.UpsertAsync(new CalendarSyncSettings { UserId = UserId, ConflictStrategy = strategy }, CancellationToken.None);
        var connection = Services.GetRequiredService<IGoogleConnectionService>();
        var authorize = await connection.StartAuthorizationAsync(UserId, RedirectUri, CancellationToken.None);
        var (code, state) = await AuthorizeAsync(authorize);
        await connection.CompleteAuthorizationAsync(state, code, null, RedirectUri, CancellationToken.None);
        await DrainQueueAsync();
    }

    /// <summary>Follows Google's authorize URL (auto-approved) and reads code and state off the redirect.</summary>
    public async Task<(string? Code, string? State)> AuthorizeAsync(Uri authorize)
    {
        using var response = await _http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return (query["code"], query["state"]);
    }

    /// <summary>Runs the queue until nothing is due; returns the number of items processed.</summary>
    public async Task<int> DrainQueueAsync()
    {
        var processor = Services.GetRequiredService<QueueProcessor>();
        var total = 0;
        for (var round = 0; round < 50; round++)
        {
            var processed = await processor.ProcessOnceAsync(CancellationToken.None);
            if (processed == 0)
            {
                return total;
            }

            total += processed;
        }

        throw new InvalidOperationException("The queue did not drain in 50 rounds: a sync loop?");
    }

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
    }
}
