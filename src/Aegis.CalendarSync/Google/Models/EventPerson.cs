namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>creator</c> / <c>organizer</c> (read-only on events).</summary>
public sealed record EventPerson
{
    public string? Id { get; init; }
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public bool? Self { get; init; }
}
