using Aegis.CalendarSync.Google.Batch;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Google;

/// <summary>Calendar API v3 calls the sync engine makes. Every call acts for one account, waits for that account's
/// rate-limit token, refreshes the access token once on 401, retries transient failures, and throws a
/// <see cref="Errors.GoogleApiException"/> subclass for Google's error <c>reason</c>.</summary>
public interface IGoogleCalendarClient
{
    /// <summary>One page of events.list. Drive paging with <see cref="EventsListResponse.NextPageToken"/>; keep
    /// <see cref="EventsListResponse.NextSyncToken"/> (last page only) for the next incremental sync.</summary>
    /// <exception cref="Errors.FullSyncRequiredException">410: the sync token is no longer valid.</exception>
    Task<EventsListResponse> ListEventsAsync(GoogleAccount account, string calendarId, ListEventsRequest request, CancellationToken ct);

    /// <summary>events.get; returns cancelled events too.</summary>
    Task<GoogleEvent> GetEventAsync(GoogleAccount account, string calendarId, string eventId, CancellationToken ct);

    /// <summary>events.insert with the client-chosen <see cref="GoogleEvent.Id"/> (if set).</summary>
    /// <exception cref="Errors.DuplicateException">409: the id exists (possibly cancelled, or created by an earlier attempt).</exception>
    Task<GoogleEvent> InsertEventAsync(GoogleAccount account, string calendarId, GoogleEvent googleEvent, CancellationToken ct);

    /// <summary>events.update (full replace; start and end required), with If-Match when <paramref name="ifMatchEtag"/> is set.</summary>
    /// <exception cref="Errors.PreconditionFailedException">412: the etag is stale.</exception>
    Task<GoogleEvent> UpdateEventAsync(GoogleAccount account, string calendarId, string eventId, GoogleEvent googleEvent, string? ifMatchEtag, CancellationToken ct);

    /// <summary>events.patch: only the non-null fields of <paramref name="patch"/> change (private properties merge by key).</summary>
    Task<GoogleEvent> PatchEventAsync(GoogleAccount account, string calendarId, string eventId, GoogleEvent patch, string? ifMatchEtag, CancellationToken ct);

    /// <summary>events.move: the event leaves <paramref name="calendarId"/> for <paramref name="destinationCalendarId"/>
    /// under the same id (Google: "changes an event's organizer"); returns it as the destination now holds it (new etag).
    /// Google takes no If-Match on a move.</summary>
    /// <exception cref="Errors.NotFoundException">404: not (or no longer) on the source calendar.</exception>
    Task<GoogleEvent> MoveEventAsync(GoogleAccount account, string calendarId, string eventId, string destinationCalendarId, CancellationToken ct);

    /// <summary>events.delete.</summary>
    /// <exception cref="Errors.ResourceDeletedException">410: already deleted.</exception>
    Task DeleteEventAsync(GoogleAccount account, string calendarId, string eventId, string? ifMatchEtag, CancellationToken ct);

    /// <summary>Google's batch endpoint (<c>POST batch/calendar/v3</c>): up to <see cref="GoogleCalendarClient.MaxBatchCalls"/>
    /// event writes of one account in one HTTP request, one result per operation in the same order. Each call succeeds
    /// or fails on its own (its error is the typed exception the single call would throw, not thrown); a failure of the
    /// batch request itself (after retries) is thrown. Counts one rate-limit token per call, as Google counts quota; a
    /// batch whose every call is 401 is re-sent once with a refreshed token. Retries re-send the whole batch, so inserts
    /// should carry client-chosen ids (a repeated insert then reports <see cref="Errors.DuplicateException"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No operation or more than MaxBatchCalls.</exception>
    Task<IReadOnlyList<GoogleBatchResult>> ExecuteBatchAsync(GoogleAccount account, IReadOnlyList<GoogleBatchOperation> operations, CancellationToken ct);

    /// <summary>events.watch: opens a web_hook push channel; the response carries resourceId and expiration.</summary>
    Task<Channel> WatchEventsAsync(GoogleAccount account, string calendarId, Channel channel, CancellationToken ct);

    /// <summary>channels.stop for a channel this account opened.</summary>
    Task StopChannelAsync(GoogleAccount account, string channelId, string resourceId, CancellationToken ct);

    /// <summary>calendars.get (e.g. to read the calendar's time zone, or to check access when connecting).</summary>
    Task<GoogleCalendar> GetCalendarAsync(GoogleAccount account, string calendarId, CancellationToken ct);

    /// <summary>calendarList.list, every page: the calendars in the user's list with the user's access role on each.</summary>
    Task<IReadOnlyList<CalendarListEntry>> ListCalendarsAsync(GoogleAccount account, CancellationToken ct);

    /// <summary>calendars.insert: creates a secondary calendar owned by the account (its id is Google-assigned).</summary>
    Task<GoogleCalendar> InsertCalendarAsync(GoogleAccount account, GoogleCalendar calendar, CancellationToken ct);
}
