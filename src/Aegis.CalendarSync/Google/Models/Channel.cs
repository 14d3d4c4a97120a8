using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>Channel</c>: the body of <c>events/watch</c> (id, type, address, token, params.ttl)
/// and of <c>channels/stop</c> (id, resourceId), and the watch response (resourceId, resourceUri, expiration).</summary>
public sealed record Channel
{
    public const string WebHookType = "web_hook";

    public string? Kind { get; init; }
    /// <summary>Client-chosen, at most 64 chars.</summary>
    public string? Id { get; init; }
    public string? ResourceId { get; init; }
    public string? ResourceUri { get; init; }
    /// <summary>Echoed in every notification's X-Goog-Channel-Token; at most 256 chars.</summary>
    public string? Token { get; init; }
    /// <summary>Unix milliseconds. Google encodes int64 as a JSON string; numbers are accepted too.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long? Expiration { get; init; }
    public string? Type { get; init; }
    public string? Address { get; init; }
    public bool? Payload { get; init; }
    /// <summary>e.g. <c>{"ttl": "604800"}</c> (seconds).</summary>
    public IReadOnlyDictionary<string, string>? Params { get; init; }

    [JsonIgnore]
    public DateTimeOffset? ExpiresAt => Expiration is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
