using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Push;

/// <summary>One webhook delivery as the receiver saw it.</summary>
public sealed record ReceivedNotification(string Path, IReadOnlyDictionary<string, string> Headers, long BodyLength)
{
    public string ChannelId => Headers["X-Goog-Channel-ID"];
    public string State => Headers["X-Goog-Resource-State"];
    public long Number => long.Parse(Headers["X-Goog-Message-Number"], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A tiny loopback webhook endpoint that records every POST in arrival order.</summary>
public sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedNotification> _received = Channel.CreateUnbounded<ReceivedNotification>();

    private PushReceiver(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<PushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var address = "";
        PushReceiver? receiver = null;
        app.MapPost("/hook/{name}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver!._received.Writer.TryWrite(new ReceivedNotification(http.Request.Path, headers, body.Length));
            return Results.Ok();
        });
        await app.StartAsync();
        address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new PushReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return receiver;
    }

    public string Address(string name) => new Uri(BaseUri, $"hook/{name}").ToString();

    public async Task<ReceivedNotification> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Signal);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Notifications already received and not yet read.</summary>
    public int Pending => _received.Reader.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
