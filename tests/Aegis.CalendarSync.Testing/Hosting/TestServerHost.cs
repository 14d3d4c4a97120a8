using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing.Network;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Aegis.CalendarSync.Testing.Hosting;

/// <summary>The real server (AddAegisServer + UseAegisServer: Kestrel, webhook, queue processor, every hosted service)
/// on a free loopback port, with a Google emulator (embedded, or the caller's) and its database in a temporary folder
/// or a given <see cref="Databases.TestDatabase"/>.</summary>
public sealed class TestServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly HttpClient _adminHttp = new();

    private TestServerHost(WebApplication app, Uri baseUri, string dataDirectory, EmulatorHost emulator)
    {
        _app = app;
        BaseUri = baseUri;
        _dataDirectory = dataDirectory;
        Emulator = emulator;
        EmulatorAdmin = new EmulatorAdminClient(_adminHttp, Emulator.BaseUri);
    }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    public EmulatorHost Emulator { get; }

    public EmulatorAdminClient EmulatorAdmin { get; }

    public static async Task<TestServerHost> StartAsync(TestServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TestServerOptions();
        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var dataDirectory = Directory.CreateTempSubdirectory("aegis-server-tests-").FullName;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // "Testing" unless asked: no generated secret files, no demo account; the settings below say everything.
            EnvironmentName = options.Environment,
            ApplicationName = typeof(ServerRegistration).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(baseUri.AbsoluteUri);
        // Outside Development the host only serves published assets; the build's manifest (wwwroot, blazor.web.js)
        // is what a browser test needs, so scripts and styles load as in `dotnet run`.
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);
        builder.Configuration.AddInMemoryCollection(Settings(options, baseUri, dataDirectory));
        builder.Configuration.AddInMemoryCollection(options.Settings);
        if (options.Time is not null) builder.Services.AddSingleton(options.Time);

        builder.AddAegisServer();
        options.Services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAegisServer();
        await app.StartAsync(ct);
        return new TestServerHost(app, baseUri, dataDirectory, options.Emulator ?? app.Services.GetRequiredService<EmulatorHost>());
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>An HttpClient for this server that does not follow redirects.</summary>
    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUri };
        if (bearerToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>Creates an account and returns it with a client authenticated by a fresh API token.</summary>
    public async Task<TestUser> CreateUserAsync(string email, CancellationToken ct = default)
    {
        var password = TestSecrets.Password();
        var user = await Get<PasswordAuthenticator>().EnsureAccountAsync(email, email, password, ct);
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("api/auth/token", new { email, password }, ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>(ct))!.AccessToken;
        return new TestUser(user, password, CreateClient(token));
    }

    /// <summary>Runs the OAuth flow as a browser would: start → emulator authorize (auto-approved) → callback, start and
    /// callback from the same client (it keeps the session-binding cookie start sets, and its bearer token); then gives
    /// the go-ahead for the first sync (<see cref="FirstSyncApi.StartAsync"/>), as the user does after the preview.
    /// <paramref name="googleAccount"/> picks the emulator account (login_hint); by default the emulator's default one,
    /// so give users of one test their own account when their calendars must stay apart.</summary>
    public Task ConnectGoogleAsync(TestUser user, CancellationToken ct = default, string? googleAccount = null) =>
        ConnectGoogleAsync(user, importForeignEvents: true, ct, googleAccount);

    /// <param name="importForeignEvents">Marks the primary calendar for import first (the events a person creates
    /// there become financial events), as most tests expect.</param>
    public async Task ConnectGoogleAsync(TestUser user, bool importForeignEvents, CancellationToken ct = default, string? googleAccount = null)
    {
        await SetImportForeignEventsAsync(user, importForeignEvents, ct);
        var callback = await AuthorizeAtEmulatorAsync(user.Client, ct, googleAccount);
        var response = await user.Client.GetAsync(callback, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await FirstSyncApi.StartAsync(user.Client, ct);
    }

    /// <summary>The same flow in a signed-in <see cref="BrowserSession"/>; the callback redirects to the connection page,
    /// then the session gives the go-ahead for the first sync.</summary>
    public async Task ConnectGoogleAsync(BrowserSession browser, CancellationToken ct = default)
    {
        var callback = await AuthorizeAtEmulatorAsync(browser.Client, ct);
        var response = await browser.Client.GetAsync(callback, ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/google?connected=1", response.Headers.Location?.OriginalString);
        await FirstSyncApi.StartAsync(browser.Client, ct);
    }

    /// <summary>Marks (or unmarks) the user's calendar for import before connecting: the events a person creates there
    /// become financial events.</summary>
    public async Task SetImportForeignEventsAsync(TestUser user, bool importForeignEvents, CancellationToken ct = default)
    {
        var settings = Get<ISettingsStore>();
        var current = await settings.GetAsync(user.Id, ct) ?? new CalendarSyncSettings { UserId = user.Id };
        await settings.SavePreferencesAsync(current with { ImportForeignEvents = importForeignEvents }, ct);
    }

    /// <summary>Start + emulator consent; returns the callback URL without calling it.</summary>
    public Task<Uri> AuthorizeAtEmulatorAsync(TestUser user, CancellationToken ct = default) => AuthorizeAtEmulatorAsync(user.Client, ct);

    /// <summary>Start (as <paramref name="client"/>) + emulator consent; returns the callback URL without calling it.</summary>
    public async Task<Uri> AuthorizeAtEmulatorAsync(HttpClient client, CancellationToken ct = default, string? googleAccount = null)
    {
        var start = await client.GetAsync("api/google/auth/start", ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, start.StatusCode);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = googleAccount is null ? start.Headers.Location!
            : new Uri(start.Headers.Location!.AbsoluteUri + "&login_hint=" + Uri.EscapeDataString(googleAccount));
        var authorize = await browser.GetAsync(consent, ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, authorize.StatusCode);
        return authorize.Headers.Location!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _adminHttp.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pooled handles may outlive the host by a moment; the OS temp cleaner removes the folder.
        }
    }

    private static Dictionary<string, string?> Settings(TestServerOptions options, Uri baseUri, string dataDirectory)
    {
        var settings = options.Emulator?.GoogleClientSettings() ?? [];
        foreach (var (key, value) in options.Database?.StoreSettings() ?? [new("Store:Provider", "sqlite")])
        {
            settings[key] = value;
        }

        settings["Store:DataDirectory"] = dataDirectory;
        settings["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey();
        settings["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret();
        settings["Server:PublicBaseUrl"] = baseUri.AbsoluteUri;
        settings["Server:SeedDemoAccount"] = "false";
        settings["Emulator:Enabled"] = options.Emulator is null ? "true" : "false";
        settings["Emulator:AutoApprove"] = "true";
        settings["Emulator:Port"] = "0";
        settings["Emulator:PersistState"] = "false";
        // Yearly: the renewal job only runs when a test calls RunOnceAsync.
        settings["ChannelRenewal:Cron"] = "0 0 1 1 *";
        settings["ChannelRenewal:RetryBaseDelay"] = "00:00:00";
        // The tests read and write Google's primary calendar; a test of the dedicated default sets "Dedicated".
        settings["Connection:NewConnectionCalendar"] = "Primary";
        return settings;
    }

    private sealed record TokenBody([property: JsonPropertyName("access_token")] string AccessToken);
}
