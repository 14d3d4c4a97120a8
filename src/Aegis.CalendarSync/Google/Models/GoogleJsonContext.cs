using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Google.Models;

/// <summary>Source-generated serializer for every Google wire type: camelCase names, nulls omitted
/// (so a patch body carries only the fields being changed).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GoogleEvent))]
[JsonSerializable(typeof(EventsListResponse))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(GoogleCalendar))]
[JsonSerializable(typeof(CalendarListResponse))]
[JsonSerializable(typeof(GoogleErrorResponse))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(OAuthErrorResponse))]
internal sealed partial class GoogleJsonContext : JsonSerializerContext
{
}
