using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoogleCalendarEmulator.Hosting;

/// <summary>An emulator running in-process on a loopback port (random unless given).</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        State = app.Services.GetRequiredService<EmulatorState>();
    }

    /// <summary>Root of the emulator with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    public EmulatorState State { get; }

    /// <summary>Configuration that points a Google client at this emulator, keyed as the engine's "Google" options
    /// (ApiBaseUrl, OAuthAuthorizeUrl, TokenUrl, RevokeUrl, and the registered local client's id and secret):
    /// Google's own paths under <see cref="BaseUri"/>, so only base URLs differ from real Google.</summary>
    public Dictionary<string, string?> GoogleClientSettings() => new()
    {
        ["Google:ApiBaseUrl"] = BaseUri.AbsoluteUri,
        ["Google:OAuthAuthorizeUrl"] = new Uri(BaseUri, "o/oauth2/v2/auth").AbsoluteUri,
        ["Google:TokenUrl"] = new Uri(BaseUri, "token").AbsoluteUri,
        ["Google:RevokeUrl"] = new Uri(BaseUri, "revoke").AbsoluteUri,
        ["Google:ClientId"] = OAuthClientRegistration.DefaultClientId,
        ["Google:ClientSecret"] = OAuthClientRegistration.DefaultClientSecret,
    };

    public static Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default) =>
        StartAsync(options ?? new EmulatorOptions(), "http://127.0.0.1:0", ct);

    /// <summary>Starts on <paramref name="url"/>, e.g. http://127.0.0.1:5081 (port 0: a free port).</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, string url, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddGoogleCalendarEmulator(options);
        var app = builder.Build();
        app.MapGoogleCalendarEmulator();
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
