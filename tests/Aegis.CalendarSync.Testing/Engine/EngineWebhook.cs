using System.Net;
using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Connection.Push;
using Aegis.CalendarSync.Testing.Network;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Testing.Engine;

/// <summary>The webhook of a <see cref="SyncHarness"/> without the server: a loopback HTTP listener the emulator
/// pushes to (real HTTP, Google's X-Goog-* headers), answering each push after the engine's
/// <see cref="PushNotificationHandler"/> has handled it, so once the emulator's push queue is flushed every push
/// is in the sync queue (or refused). Give <see cref="BaseUrl"/> as <c>Connection:PublicBaseUrl</c>, then
/// <see cref="Attach"/> the harness.</summary>
public sealed class EngineWebhook : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private PushNotificationHandler? _handler;
    private int _handled;
    private Exception? _failure;

    private EngineWebhook()
    {
        BaseUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Pushes handled so far, whatever the outcome.</summary>
    public int Handled => Volatile.Read(ref _handled);

    /// <summary>The first exception the handler threw (answered 500), if any: a test asserts there was none.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    public static EngineWebhook Start() => new();

    public void Attach(SyncHarness harness) => _handler = harness.Services.GetRequiredService<PushNotificationHandler>();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException && !_listener.IsListening)
            {
                // A push (e.g. a new channel's "sync" message) still being answered while the listener closes.
                return;
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var headers = context.Request.Headers;
        try
        {
            var path = new ConnectionOptions { PublicBaseUrl = BaseUrl }.WebhookAddress.AbsolutePath;
            if (_handler is null || context.Request.Url?.AbsolutePath != path)
            {
                context.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            await _handler.HandleAsync(new PushNotification(headers["X-Goog-Channel-ID"], headers["X-Goog-Channel-Token"],
                headers["X-Goog-Resource-ID"], headers["X-Goog-Resource-State"], headers["X-Goog-Message-Number"]), CancellationToken.None);
            context.Response.StatusCode = (int)HttpStatusCode.OK;
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
            context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
        }
        finally
        {
            Interlocked.Increment(ref _handled);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
