namespace GoogleCalendarEmulator.Calendar.Model;

/// <summary>creator / organizer.</summary>
public sealed class EventPerson
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public bool? Self { get; set; }
}
