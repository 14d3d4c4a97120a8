using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>extendedProperties</c>. Private properties are visible only to this calendar's copy
/// of the event; Google's UI cannot edit either map.</summary>
public sealed record EventExtendedProperties
{
    [JsonPropertyName("private")]
    public IReadOnlyDictionary<string, string>? Private { get; init; }

    [JsonPropertyName("shared")]
    public IReadOnlyDictionary<string, string>? Shared { get; init; }
}
