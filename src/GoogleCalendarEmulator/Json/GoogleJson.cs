using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoogleCalendarEmulator.Json;

/// <summary>Serializer settings matching Google's wire format: camelCase names, nulls omitted.</summary>
public static class GoogleJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Deep copy through the wire format, so stored snapshots never share mutable state with callers.</summary>
    internal static T Clone<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)!;
}
