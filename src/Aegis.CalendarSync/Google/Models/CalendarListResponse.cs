namespace Aegis.CalendarSync.Google.Models;

/// <summary>Calendar v3 <c>CalendarList</c>: one page of calendarList.list.</summary>
public sealed record CalendarListResponse
{
    public IReadOnlyList<CalendarListEntry>? Items { get; init; }
    public string? NextPageToken { get; init; }
}
