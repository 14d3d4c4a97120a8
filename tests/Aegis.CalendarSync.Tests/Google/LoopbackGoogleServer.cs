using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Tests.Google;

/// <summary>A request as the loopback server received it (RawTarget keeps the client's escaping).</summary>
public sealed record RecordedRequest(string Method, string Path, string RawTarget, IReadOnlyDictionary<string, string> Headers, string Body, IQueryCollection Query)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Real Kestrel on 127.0.0.1:0 answering with canned Google-shaped responses chosen by the test.</summary>
public sealed class LoopbackGoogleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackGoogleServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Root URL ending with '/', used as ApiBaseUrl; OAuth endpoints live at token / revoke below it.</summary>
    public Uri BaseAddress { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathPrefix) =>
        [.. _requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    /// <summary>Starts the server; <paramref name="respond"/> answers every request (it has already been recorded).</summary>
    public static async Task<LoopbackGoogleServer> StartAsync(Func<HttpContext, RecordedRequest, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackGoogleServer? server = null;
        app.Run(async context =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                context.Request.Query);
            server!._requests.Enqueue(recorded);
            await respond(context, recorded);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new LoopbackGoogleServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Writers of Google's response shapes.</summary>
public static class GoogleResponses
{
    public static Task Json(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(json);
    }

    public static Task Error(HttpContext context, int status, string domain, string reason, string message) =>
        Json(context, $$$"""{"error":{"errors":[{"domain":"{{{domain}}}","reason":"{{{reason}}}","message":"{{{message}}}"}],"code":{{{status}}},"message":"{{{message}}}"}}""", status);

    public static Task Token(HttpContext context, string accessToken, int expiresIn = 3599) =>
        Json(context, $$"""{"access_token":"{{accessToken}}","expires_in":{{expiresIn}},"scope":"https://www.googleapis.com/auth/calendar","token_type":"Bearer"}""");

    public static string Event(string id, string summary = "Rent", string etag = "\"3181161784712000\"") =>
        $$"""{"kind":"calendar#event","etag":"{{etag.Replace("\"", "\\\"")}}","id":"{{id}}","status":"confirmed","summary":"{{summary}}","start":{"date":"2025-03-01"},"end":{"date":"2025-03-02"},"updated":"2025-02-01T10:00:00.000Z"}""";
}
