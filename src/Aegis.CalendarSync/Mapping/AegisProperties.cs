namespace Aegis.CalendarSync.Mapping;

/// <summary>Keys of <c>extendedProperties.private</c> on events Aegis writes. Google's UI cannot edit private
/// properties, so these carry the financial fields through the round trip unchanged.</summary>
internal static class AegisProperties
{
    public const string EventId = "aegisEventId";
    /// <summary>Invariant-culture decimal, e.g. "1200.5".</summary>
    public const string Amount = "aegisAmount";
    public const string Currency = "aegisCurrency";
    /// <summary>Lower-case <see cref="Model.EventType"/> name.</summary>
    public const string Type = "aegisType";
    /// <summary>Lower-case <see cref="Model.EventStatus"/> name.</summary>
    public const string Status = "aegisStatus";
    public const string Category = "aegisCategory";
}
