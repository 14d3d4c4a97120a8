using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>The real server (AddAegisServer + UseAegisServer) on a loopback port, with the Google emulator embedded
/// (consent auto-approved) and its database in a temp folder or a given PostgreSQL database.</summary>
public sealed class TestServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private TestServerHost(WebApplication app, Uri baseUri, string dataDirectory)
    {
        _app = app;
        BaseUri = baseUri;
        _dataDirectory = dataDirectory;
        Emulator = app.Services.GetRequiredService<EmulatorHost>();
        EmulatorAdmin = new EmulatorAdminClient(new HttpClient(), Emulator.BaseUri);
    }

    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    public EmulatorHost Emulator { get; }

    public EmulatorAdminClient EmulatorAdmin { get; }

    public static async Task<TestServerHost> StartAsync(TestServerOptions? options = null)
    {
        options ??= new TestServerOptions();
        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var dataDirectory = Directory.CreateTempSubdirectory("aegis-server-tests-").FullName;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = options.Environment,
            ApplicationName = typeof(ServerRegistration).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(baseUri.AbsoluteUri);
        // Outside Development the host only serves published assets; the build's manifest (wwwroot, blazor.web.js)
        // is what a browser test needs, so scripts and styles load as in `dotnet run`.
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = options.PostgresConnectionString is null ? "sqlite" : "postgres",
            ["Store:ConnectionString"] = options.PostgresConnectionString,
            ["Store:DataDirectory"] = dataDirectory,
            ["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey(),
            ["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret(),
            ["Server:PublicBaseUrl"] = baseUri.AbsoluteUri,
            ["Server:SeedDemoAccount"] = "false",
            ["Emulator:Enabled"] = "true",
            ["Emulator:AutoApprove"] = "true",
            // Yearly: the renewal job only runs when a test calls RunOnceAsync.
            ["ChannelRenewal:Cron"] = "0 0 1 1 *",
            ["ChannelRenewal:RetryBaseDelay"] = "00:00:00",
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        if (options.Time is not null) builder.Services.AddSingleton(options.Time);

        builder.AddAegisServer();
        var app = builder.Build();
        app.UseAegisServer();
        await app.StartAsync();
        return new TestServerHost(app, baseUri, dataDirectory);
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
    public async Task<TestUser> CreateUserAsync(string email)
    {
        var password = TestSecrets.Password();
        var user = await Get<PasswordAuthenticator>().EnsureAccountAsync(email, email, password, CancellationToken.None);
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
        return new TestUser(user, password, CreateClient(token));
    }

    /// <summary>Runs the OAuth flow as a browser would: start → emulator authorize (auto-approved) → callback, start and
    /// callback from the same client (it keeps the session-binding cookie start sets, and its bearer token).</summary>
    public async Task ConnectGoogleAsync(TestUser user)
    {
        var callback = await AuthorizeAtEmulatorAsync(user.Client);
        var response = await user.Client.GetAsync(callback);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The same flow in a signed-in <see cref="BrowserSession"/>; the callback redirects to the connection page.</summary>
    public async Task ConnectGoogleAsync(BrowserSession browser)
    {
        var callback = await AuthorizeAtEmulatorAsync(browser.Client);
        var response = await browser.Client.GetAsync(callback);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/google?connected=1", response.Headers.Location?.OriginalString);
    }

    /// <summary>Start + emulator consent; returns the callback URL without calling it.</summary>
    public Task<Uri> AuthorizeAtEmulatorAsync(TestUser user) => AuthorizeAtEmulatorAsync(user.Client);

    /// <summary>Start (as <paramref name="client"/>) + emulator consent; returns the callback URL without calling it.</summary>
    public async Task<Uri> AuthorizeAtEmulatorAsync(HttpClient client)
    {
        var start = await client.GetAsync("api/google/auth/start");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, start.StatusCode);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = await browser.GetAsync(start.Headers.Location);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, authorize.StatusCode);
        return authorize.Headers.Location!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pooled handles may outlive the host by a moment; the OS temp cleaner removes the folder.
        }
    }

    private sealed record TokenBody([property: JsonPropertyName("access_token")] string AccessToken);
}

public sealed record TestUser(AppUser Account, string Password, HttpClient Client)
{
    public Guid Id => Account.Id;
}
