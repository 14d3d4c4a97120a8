using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Google.Batch;

/// <summary>The Calendar API writes a batch can carry.</summary>
public enum GoogleBatchMethod
{
    Insert,
    Update,
    Patch,
    Delete,
}

/// <summary>One events.insert / update / patch / delete call of a batch, with the same arguments as the single call
/// on <see cref="IGoogleCalendarClient"/>.</summary>
public sealed record GoogleBatchOperation(GoogleBatchMethod Method, string CalendarId, string? EventId, GoogleEvent? Event, string? IfMatchEtag)
{
    public static GoogleBatchOperation Insert(string calendarId, GoogleEvent googleEvent) =>
        new(GoogleBatchMethod.Insert, calendarId, null, googleEvent, null);

    public static GoogleBatchOperation Update(string calendarId, string eventId, GoogleEvent googleEvent, string? ifMatchEtag = null) =>
        new(GoogleBatchMethod.Update, calendarId, eventId, googleEvent, ifMatchEtag);

    public static GoogleBatchOperation Patch(string calendarId, string eventId, GoogleEvent patch, string? ifMatchEtag = null) =>
        new(GoogleBatchMethod.Patch, calendarId, eventId, patch, ifMatchEtag);

    public static GoogleBatchOperation Delete(string calendarId, string eventId, string? ifMatchEtag = null) =>
        new(GoogleBatchMethod.Delete, calendarId, eventId, null, ifMatchEtag);
}
