using System.Net;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>A client side of <c>GET /api/sync/stream</c>: parses the event-stream line format as EventSource does
/// (event/data fields, blank line dispatches, ':' starts a comment).</summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseStream> OpenAsync(HttpClient client, string path = "api/sync/stream")
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads messages until one matches; fails after the generous deadline (never asserts a duration).</summary>
    public async Task<SseMessage> ReadUntilAsync(Func<SseMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var message = await ReadAsync(deadline.Token);
                if (match(message)) return message;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }

    public Task<SseMessage> ReadEventAsync(string name) =>
        ReadUntilAsync(m => m.Event == name, $"a '{name}' event");

    /// <summary>The next event or comment; the retry field is consumed silently.</summary>
    public async Task<SseMessage> ReadAsync(CancellationToken ct)
    {
        string? name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("The server closed the stream.");
            if (line.Length == 0)
            {
                if (data.Count > 0) return new SseMessage(name ?? "message", string.Join('\n', data), null);
                name = null;
                continue;
            }
            if (line[0] == ':') return new SseMessage(null, null, line[1..].Trim());
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "event") name = value;
            else if (field == "data") data.Add(value);
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
