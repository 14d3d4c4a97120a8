using System.Text.Json;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Errors;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Json;

/// <summary>Reads request bodies; anything that is not a JSON object becomes Google's 400 parseError instead of a crash.</summary>
internal static class JsonBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            return node as JsonObject ?? throw GoogleErrors.ParseError();
        }
        catch (JsonException)
        {
            throw GoogleErrors.ParseError();
        }
    }

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
