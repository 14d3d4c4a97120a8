using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>The real product host (AddAegisServer + UseAegisServer: Kestrel, webhook, queue processor, signals,
/// every hosted service) on a free loopback port, with its own database and its own emulator started here (the
/// embedded one disabled) whose push notifications reach the server's real webhook. One user signs in through the
/// API and connects Google through the real OAuth redirects; <see cref="Events"/> are wallet events created and fully
/// synced before any measurement. Nothing is driven by hand: every sync is the server reacting by itself.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string Email = "bench.server@example.com";
    private const string EnvironmentName = "Benchmark";
    private readonly WebApplication _app;
    private readonly HttpClient _adminHttp = new();
    private readonly BenchDatabase _database;
    private readonly DirectoryInfo _dataDirectory;

    private ServerHarness(WebApplication app, Uri baseUri, EmulatorHost emulator, BenchDatabase database, DirectoryInfo dataDirectory)
    {
        _app = app;
        BaseUri = baseUri;
        Emulator = emulator;
        _database = database;
        _dataDirectory = dataDirectory;
        Admin = new EmulatorAdminClient(_adminHttp, emulator.BaseUri);
    }

    public Uri BaseUri { get; }
    public EmulatorHost Emulator { get; }
    public EmulatorAdminClient Admin { get; }
    public Guid UserId { get; private set; }
    public IReadOnlyList<FinancialEvent> Events { get; private set; } = [];
    public string StoreProvider => _database.Provider;

    /// <summary>Reads Google's side through the Calendar API, as an independent client.</summary>
    public EmulatorEventReader GoogleReader { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public IFinancialEventStore EventStore => _app.Services.GetRequiredService<IFinancialEventStore>();
    public ISyncQueueStore Queue => _app.Services.GetRequiredService<ISyncQueueStore>();

    /// <summary>Starts the emulator and the server on <paramref name="database"/> (which the harness then owns),
    /// connects one user and creates <paramref name="eventCount"/> wallet events, returning once every one is
    /// mapped to a Google event and the queue is quiet.</summary>
    public static async Task<ServerHarness> StartAsync(BenchDatabase database, int eventCount, CancellationToken ct)
    {
        var emulator = await BenchEmulator.StartAsync(Email, ct);
        var dataDirectory = Directory.CreateTempSubdirectory("aegis-bench-server-");
        var baseUri = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}/");
        var app = Build(database, emulator, baseUri, dataDirectory.FullName);
        var harness = new ServerHarness(app, baseUri, emulator, database, dataDirectory);
        try
        {
            await app.StartAsync(ct);
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

    public Task<long> CompletedQueueItemsAsync(CancellationToken ct) => QueueQuiescence.CompletedAsync(Queue, ct);

    public Task WaitUntilQuietAsync(long completedAtLeast, CancellationToken ct) => QueueQuiescence.WaitAsync(Queue, completedAtLeast, ct);

    /// <summary>Starts a new counting window in the emulator's request log.</summary>
    public Task StartCountingCallsAsync(CancellationToken ct) => Admin.ClearRequestsAsync(ct);

    /// <summary>Calls answered since <see cref="StartCountingCallsAsync"/>; throws if any was throttled.</summary>
    public async Task<ApiCallTally> CountCallsAsync(CancellationToken ct) =>
        ApiCallTally.From(await Admin.GetRequestsAsync(ct)).EnsureNotThrottled();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        GoogleReader?.Dispose();
        await Emulator.DisposeAsync();
        _adminHttp.Dispose();
        await _database.DisposeAsync();
        _dataDirectory.Delete(recursive: true);
    }

    private static WebApplication Build(BenchDatabase database, EmulatorHost emulator, Uri baseUri, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Not "Development": no generated secret files, no demo account; the settings below say everything.
            EnvironmentName = EnvironmentName,
            ApplicationName = typeof(ServerRegistration).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(baseUri.AbsoluteUri);
        builder.Logging.ClearProviders();
        // Warnings (a rejected push, a failed sync) go to stderr with the progress lines; stdout stays the report.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var settings = BenchEmulator.EngineSettings(emulator);
        foreach (var (key, value) in database.StoreSettings())
        {
            settings[key] = value;
        }

        // Overrides the server's appsettings.json (copied next to this program), whose default level is Information.
        settings["Logging:LogLevel:Default"] = nameof(LogLevel.Warning);
        // The framework's start-up warnings here (no wwwroot next to this program, unencrypted data-protection keys
        // in a temp folder) are expected in a benchmark host; the product's own warnings stay visible.
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Error);
        settings["Store:DataDirectory"] = dataDirectory;
        settings["Server:PublicBaseUrl"] = baseUri.AbsoluteUri;
        settings["Connection:PublicBaseUrl"] = baseUri.AbsoluteUri;
        settings["Server:SeedDemoAccount"] = "false";
        settings["Emulator:Enabled"] = "false";
        // Yearly, so the channel-renewal job cannot run during a measurement.
        settings["ChannelRenewal:Cron"] = "0 0 1 1 *";
        // The feed scenario polls from one loopback address far faster than the per-address limit allows a client.
        settings["CalendarFeed:RequestsPerMinutePerClient"] = "1000000";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAegisServer();
        var app = builder.Build();
        app.UseAegisServer();
        return app;
    }

    /// <summary>Signs in through POST /api/auth/token, then follows GET /api/google/auth/start like a browser:
    /// 302 to the emulator's authorize endpoint, which auto-approves with a 302 to the server's callback, which
    /// stores the tokens, registers the push channel and enqueues the initial full sync.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<PasswordAuthenticator>()
                .EnsureAccountAsync(Email, "Benchmark owner", password, ct);
            UserId = user.Id;
        }

        using var http = new HttpClient { BaseAddress = BaseUri };
        using var tokenResponse = await http.PostAsJsonAsync("api/auth/token", new { email = Email, password }, ct);
        tokenResponse.EnsureSuccessStatusCode();
        using var token = await JsonDocument.ParseAsync(await tokenResponse.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        using var start = new HttpRequestMessage(HttpMethod.Get, "api/google/auth/start");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        // HttpClient follows the two redirects and drops the Authorization header when leaving the server's origin;
        // the callback is anonymous (the signed state names the user).
        using var callback = await http.SendAsync(start, ct);
        if (callback.StatusCode != HttpStatusCode.OK || callback.RequestMessage?.RequestUri?.AbsolutePath != "/api/google/auth/callback")
        {
            throw new BenchmarkInvalidException(
                $"Connecting Google ended at {callback.RequestMessage?.RequestUri} with HTTP {(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync(ct)}");
        }

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
        var mappings = _app.Services.GetRequiredService<IMappingStore>();
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
