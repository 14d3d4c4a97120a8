using System.Text.Json.Serialization;

namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>Event</c> resource with the fields the sync uses; names are Google's (camelCase),
/// null fields are omitted on the wire, so the same type serves insert, update and patch bodies.</summary>
public sealed record GoogleEvent
{
    public const string StatusConfirmed = "confirmed";
    public const string StatusTentative = "tentative";
    public const string StatusCancelled = "cancelled";

    public string? Kind { get; init; }
    public string? Etag { get; init; }
    /// <summary>Client-chosen ids must be base32hex (a-v, 0-9), 5..1024 chars; see <c>GoogleEventId</c>.</summary>
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? HtmlLink { get; init; }
    public DateTimeOffset? Created { get; init; }
    /// <summary>Last modification time (read-only). A reminders-only change does not bump it.</summary>
    public DateTimeOffset? Updated { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    public string? ColorId { get; init; }
    public EventPerson? Creator { get; init; }
    public EventPerson? Organizer { get; init; }
    public EventDateTime? Start { get; init; }
    public EventDateTime? End { get; init; }
    public bool? EndTimeUnspecified { get; init; }
    /// <summary>RRULE / EXRULE / RDATE / EXDATE lines (no DTSTART).</summary>
    public IReadOnlyList<string>? Recurrence { get; init; }
    public string? RecurringEventId { get; init; }
    public EventDateTime? OriginalStartTime { get; init; }
    public string? Transparency { get; init; }
    public string? Visibility { get; init; }

    [JsonPropertyName("iCalUID")]
    public string? ICalUid { get; init; }

    public int? Sequence { get; init; }
    public EventExtendedProperties? ExtendedProperties { get; init; }
    public EventReminders? Reminders { get; init; }
    public string? EventType { get; init; }

    [JsonIgnore]
    public bool IsCancelled => string.Equals(Status, StatusCancelled, StringComparison.Ordinal);

    /// <summary>Value of a private extended property, or null.</summary>
    public string? GetPrivateProperty(string name) =>
        ExtendedProperties?.Private is { } props && props.TryGetValue(name, out var value) ? value : null;
}
