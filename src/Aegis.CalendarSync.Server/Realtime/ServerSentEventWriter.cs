using System.Text.Json;
using Aegis.CalendarSync.Server.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>Writes the text/event-stream format (WHATWG HTML §9.2) to a response, flushing after every event so it
/// leaves the server at once. Data is one line of compact JSON, so it never needs splitting over data: lines.</summary>
public sealed class ServerSentEventWriter
{
    private readonly HttpResponse _response;

    private ServerSentEventWriter(HttpResponse response) => _response = response;

    /// <summary>Sends the headers: no caching, no proxy buffering (nginx honours X-Accel-Buffering), and tells the
    /// browser to reconnect after <paramref name="retry"/>.</summary>
    public static async Task<ServerSentEventWriter> StartAsync(HttpContext context, TimeSpan retry, CancellationToken ct)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var writer = new ServerSentEventWriter(response);
        await writer.WriteRawAsync($"retry: {(long)retry.TotalMilliseconds}\n\n", ct);
        return writer;
    }

    public Task WriteEventAsync<T>(string name, T data, CancellationToken ct) =>
        WriteRawAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, ApiJson.Options)}\n\n", ct);

    /// <summary>A comment line: ignored by EventSource, keeps intermediaries from timing the connection out.</summary>
    public Task WriteCommentAsync(string text, CancellationToken ct) => WriteRawAsync($": {text}\n\n", ct);

    private async Task WriteRawAsync(string text, CancellationToken ct)
    {
        await _response.WriteAsync(text, ct);
        await _response.Body.FlushAsync(ct);
    }
}
