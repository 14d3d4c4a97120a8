using GoogleCalendarEmulator.Calendar.Model;

namespace GoogleCalendarEmulator.State;

/// <summary>One calendar of an account. Guarded by the owning <see cref="Account.Gate"/>.</summary>
internal sealed class CalendarData(string id, string summary, string timeZone, bool primary, string resourceId, DateTimeOffset created,
    string accessRole = CalendarAccessRoles.Owner)
{
    public string Id { get; } = id;
    public string Summary { get; set; } = summary;
    public string? Description { get; set; }
    public string TimeZone { get; } = timeZone;
    public bool Primary { get; } = primary;

    /// <summary>The account's role on this calendar, as calendarList reports it; API writes need writer or owner.</summary>
    public string AccessRole { get; } = accessRole;

    public bool CanWrite => AccessRole is CalendarAccessRoles.Writer or CalendarAccessRoles.Owner;

    /// <summary>Stable id of the events collection reported in watch channels (X-Goog-Resource-ID).</summary>
    public string ResourceId { get; } = resourceId;

    public DateTimeOffset Created { get; } = created;
    public Dictionary<string, StoredEvent> Events { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<EventReminder> DefaultReminders =>
        Primary ? [new EventReminder { Method = "popup", Minutes = 10 }] : [];

    public string Etag => $"\"{Created.ToUnixTimeMilliseconds()}000\"";

    /// <summary>The account's calendar-list entry for this calendar: its own settings and the account's calendar-list sequence
    /// at its last change (calendarList sync tokens compare against it). Calendar properties are not part of it.</summary>
    public CalendarListState List { get; } = new();
}
