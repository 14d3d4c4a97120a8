namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>EventDateTime</c>: either <see cref="Date"/> (all-day, end exclusive) or
/// <see cref="DateTime"/> (RFC 3339; offset required unless <see cref="TimeZone"/> is given).</summary>
public sealed record EventDateTime
{
    public DateOnly? Date { get; init; }
    public DateTimeOffset? DateTime { get; init; }
    /// <summary>IANA zone; required by Google for recurring events.</summary>
    public string? TimeZone { get; init; }
}
