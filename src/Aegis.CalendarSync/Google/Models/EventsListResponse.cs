namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>Events</c> list page. Exactly one of <see cref="NextPageToken"/> and
/// <see cref="NextSyncToken"/> is set: the sync token only on the last page.</summary>
public sealed record EventsListResponse
{
    public string? Kind { get; init; }
    public string? Etag { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? TimeZone { get; init; }
    public string? AccessRole { get; init; }
    public IReadOnlyList<EventReminder>? DefaultReminders { get; init; }
    public string? NextPageToken { get; init; }
    public string? NextSyncToken { get; init; }
    public IReadOnlyList<GoogleEvent> Items { get; init; } = [];
}
