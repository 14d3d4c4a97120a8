using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Errors;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Json;

/// <summary>Reads request bodies; anything that is not a JSON object becomes Google's 400 parseError instead of a crash.
/// Google's client libraries gzip request bodies (<c>Content-Encoding: gzip</c>, the .NET client's default
/// GZipEnabled, Java's GZipContent) and Google accepts them, so the emulator does too.</summary>
internal static class JsonBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var decompressed = Decompressing(request);
        try
        {
            var node = await JsonNode.ParseAsync(decompressed ?? request.Body, cancellationToken: ct);
            return node as JsonObject ?? throw GoogleErrors.ParseError();
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw GoogleErrors.ParseError();
        }
        finally
        {
            if (decompressed is not null)
            {
                await decompressed.DisposeAsync();
            }
        }
    }

    /// <summary>A decompressing view of the body (which stays open: the server owns it), or null when not encoded.</summary>
    private static Stream? Decompressing(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant() switch
        {
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => null,
        };

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) =>
        Deserialize<T>(await ReadObjectAsync(request, ct));

    public static T Deserialize<T>(JsonNode node)
    {
        try
        {
            return node.Deserialize<T>(GoogleJson.Options) ?? throw GoogleErrors.ParseError();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw GoogleErrors.ParseError();
        }
    }
}
