using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>The production registration (<see cref="GoogleServiceCollectionExtensions.AddGoogleCalendarClient"/>)
/// pointed at a <see cref="LoopbackGoogleServer"/>, with one connected user holding access-1 / refresh-1.</summary>
internal sealed class GoogleClientHarness : IAsyncDisposable
{
    public const string TestKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private GoogleClientHarness(LoopbackGoogleServer server, ServiceProvider services, InMemoryTokenStore tokens)
    {
        Server = server;
        Services = services;
        Tokens = tokens;
    }

    public LoopbackGoogleServer Server { get; }
    public ServiceProvider Services { get; }
    public InMemoryTokenStore Tokens { get; }
    public Guid UserId { get; } = Guid.NewGuid();
    public GoogleAccount Account => new(UserId);
    public IGoogleCalendarClient Client => Services.GetRequiredService<IGoogleCalendarClient>();
    public GoogleOAuthClient OAuth => Services.GetRequiredService<GoogleOAuthClient>();
    public GoogleAccessTokenProvider TokenProvider => Services.GetRequiredService<GoogleAccessTokenProvider>();

    /// <param name="settings">Overrides of configuration keys, e.g. ["Google:MaxRetryAttempts"] = "0".</param>
    /// <param name="time">Registered as the TimeProvider of the token provider and of Polly's delays and timeouts.</param>
    public static async Task<GoogleClientHarness> StartAsync(
        Func<HttpContext, RecordedRequest, Task> respond,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        bool connectUser = true)
    {
        var server = await LoopbackGoogleServer.StartAsync(respond);
        var configuration = new Dictionary<string, string?>
        {
            ["Google:ApiBaseUrl"] = server.BaseAddress.AbsoluteUri,
            ["Google:OAuthAuthorizeUrl"] = new Uri(server.BaseAddress, "o/oauth2/v2/auth").AbsoluteUri,
            ["Google:TokenUrl"] = new Uri(server.BaseAddress, "token").AbsoluteUri,
            ["Google:RevokeUrl"] = new Uri(server.BaseAddress, "revoke").AbsoluteUri,
            ["Google:ClientId"] = "client-id.apps.googleusercontent.com",
            ["Google:ClientSecret"] = "client-secret",
            // Real-time backoff in tests stays in milliseconds; Retry-After behaviour is tested with a fake clock.
            ["Google:RetryBaseDelay"] = "00:00:00.001",
            ["TokenEncryption:Key"] = TestKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var tokens = new InMemoryTokenStore();
        services.AddSingleton<ITokenStore>(tokens);
        services.AddTokenEncryption();
        services.AddGoogleCalendarClient();
        var harness = new GoogleClientHarness(server, services.BuildServiceProvider(validateScopes: true), tokens);
        if (connectUser)
        {
            await harness.TokenProvider.SaveGrantAsync(
                harness.UserId,
                new OAuthTokenResponse { AccessToken = "access-1", ExpiresIn = 3600, RefreshToken = "refresh-1" },
                CancellationToken.None);
        }

        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
