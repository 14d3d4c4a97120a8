using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>The calendar#event resource with Google's field names. Fields not modelled here round-trip through <see cref="AdditionalFields"/>.</summary>
public sealed class CalendarEvent
{
    public string? Kind { get; set; }
    public string? Etag { get; set; }
    public string? Id { get; set; }
    public string? Status { get; set; }
    public string? HtmlLink { get; set; }
    public string? Created { get; set; }
    public string? Updated { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public string? Location { get; set; }
    public string? ColorId { get; set; }
    public EventPerson? Creator { get; set; }
    public EventPerson? Organizer { get; set; }
    public EventDateTime? Start { get; set; }
    public EventDateTime? End { get; set; }
    public bool? EndTimeUnspecified { get; set; }
    public List<string>? Recurrence { get; set; }
    public string? RecurringEventId { get; set; }
    public EventDateTime? OriginalStartTime { get; set; }
    public string? Transparency { get; set; }
    public string? Visibility { get; set; }

    [JsonPropertyName("iCalUID")]
    public string? ICalUid { get; set; }

    public int? Sequence { get; set; }
    public EventExtendedProperties? ExtendedProperties { get; set; }
    public EventReminders? Reminders { get; set; }
    public string? EventType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }
}
