using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>
/// events.list over a consistent snapshot of one calendar. Pages are ordered by (sort key, id) and resume strictly
/// after the last returned item, so concurrent writes can neither skip nor reorder items already listed; the final
/// page's sync token resumes from the change sequence at which the listing began, so writes made during paging are
/// reported by the next incremental sync.
/// </summary>
internal sealed class EventLister(EmulatorState state)
{
    public EventsListResponse List(Account account, string calendarId, EventListQuery query)
    {
        lock (account.Gate)
        {
            var calendar = EventService.Calendar(account, calendarId);
            var codec = state.ListTokens;
            var (snapshot, since, cursor) = ResolvePosition(account, calendar, query, codec);

            var candidates = Filter(calendar, query, since, state.Time.GetUtcNow() + SeriesInstances.Horizon);
            var ordered = candidates
                .Select(e => (Key: SortKey(e, query.OrderBy), Event: e))
                .Where(x => cursor is null || Compare(x.Key, x.Event.Id, cursor.Value.Key, cursor.Value.Id) > 0)
                .OrderBy(x => x.Key)
                .ThenBy(x => x.Event.Id, StringComparer.Ordinal)
                .Take(query.MaxResults + 1)
                .ToList();

            var page = ordered.Take(query.MaxResults).ToList();
            string? nextPageToken = null;
            string? nextSyncToken = null;
            if (ordered.Count > query.MaxResults)
            {
                var last = page[^1];
                nextPageToken = codec.Encode(new ListPosition(
                    ListTokenKind.Page, calendar.Id, account.SyncEpoch, snapshot, since, query.OrderBy, last.Key, last.Event.Id));
            }
            else
            {
                nextSyncToken = codec.Encode(new ListPosition(ListTokenKind.Sync, calendar.Id, account.SyncEpoch, snapshot));
            }

            return Page(account, calendar, snapshot, page.Select(x => x.Event.Resource).ToList(), nextPageToken, nextSyncToken);
        }
    }

    /// <summary>The calendar#events envelope of one page; <paramref name="timeZone"/> overrides the calendar's zone.</summary>
    internal static EventsListResponse Page(Account account, CalendarData calendar, long snapshot, IReadOnlyList<CalendarEvent> items,
        string? nextPageToken, string? nextSyncToken, string? timeZone = null)
    {
        var lastUpdated = calendar.Events.Values.Select(e => e.Updated).DefaultIfEmpty(calendar.Created).Max();
        return new EventsListResponse
        {
            Etag = $"\"{snapshot}{account.SyncEpoch:D3}\"",
            Summary = calendar.Summary,
            Description = calendar.Description,
            Updated = RfcTime.Format(lastUpdated),
            TimeZone = timeZone ?? calendar.TimeZone,
            DefaultReminders = calendar.DefaultReminders,
            NextPageToken = nextPageToken,
            NextSyncToken = nextSyncToken,
            Items = items,
        };
    }

    private static (long Snapshot, long? Since, (long Key, string Id)? Cursor) ResolvePosition(
        Account account, CalendarData calendar, EventListQuery query, ListTokenCodec codec)
    {
        if (query.PageToken is not null)
        {
            var page = codec.TryDecode(query.PageToken);
            if (page is null || page.Kind != ListTokenKind.Page || !page.CalendarId.Equals(calendar.Id, StringComparison.OrdinalIgnoreCase)
                || page.OrderBy != query.OrderBy || (page.Since is null) != (query.SyncToken is null))
            {
                throw query.SyncToken is null ? GoogleErrors.InvalidParameter("pageToken") : GoogleErrors.FullSyncRequired();
            }

            if (page.Since is not null && page.Epoch != account.SyncEpoch)
            {
                throw GoogleErrors.FullSyncRequired();
            }

            return (page.Snapshot, page.Since, (page.CursorKey, page.CursorId ?? string.Empty));
        }

        if (query.SyncToken is not null)
        {
            var sync = codec.TryDecode(query.SyncToken);
            if (sync is null || sync.Kind != ListTokenKind.Sync || sync.Epoch != account.SyncEpoch
                || !sync.CalendarId.Equals(calendar.Id, StringComparison.OrdinalIgnoreCase))
            {
                throw GoogleErrors.FullSyncRequired();
            }

            return (account.ChangeSequence, sync.Snapshot, null);
        }

        return (account.ChangeSequence, null, null);
    }

    /// <param name="horizon">How far series are expanded for <c>singleEvents=true</c> without <c>timeMax</c>.</param>
    private static IEnumerable<StoredEvent> Filter(CalendarData calendar, EventListQuery query, long? since, DateTimeOffset horizon)
    {
        // Incremental sync: everything changed after the token, deletions included; no other filters apply.
        if (since is long changedAfter)
        {
            var changed = calendar.Events.Values.Where(e => e.ChangeSequence > changedAfter);
            return query.SingleEvents ? SeriesInstances.SingleEvents(calendar, changed, horizon, keepCancelledMasters: true) : changed;
        }

        var includeDeleted = query.ShowDeleted == true || query.UpdatedMin is not null;
        var events = query.SingleEvents
            ? SeriesInstances.SingleEvents(calendar, calendar.Events.Values, query.TimeMax ?? horizon, keepCancelledMasters: false)
            : calendar.Events.Values;
        return events.Where(e =>
            // Cancelled instances of a series are listed whenever singleEvents is false, showDeleted or not.
            (includeDeleted || !e.IsCancelled || (!query.SingleEvents && SeriesInstances.IsInstance(e)))
            && InWindow(calendar, e, query.TimeMin, query.TimeMax)
            && (query.UpdatedMin is not { } updatedMin || e.Updated >= updatedMin)
            && (query.ICalUid is null || e.Resource.ICalUid == query.ICalUid)
            && MatchesText(e.Resource, query.Text)
            && MatchesProperties(e.Resource.ExtendedProperties?.Private, query.PrivateProperties)
            && MatchesProperties(e.Resource.ExtendedProperties?.Shared, query.SharedProperties));
    }

    /// <summary>timeMin is exclusive on the end, timeMax exclusive on the start; a series is in the window when one of
    /// its occurrences is.</summary>
    private static bool InWindow(CalendarData calendar, StoredEvent e, DateTimeOffset? min, DateTimeOffset? max) =>
        SeriesInstances.IsMaster(e) && !e.IsCancelled
            ? SeriesInstances.Overlaps(calendar, e, min, max)
            : (min is null || e.End > min) && (max is null || e.Start < max);

    private static bool MatchesText(CalendarEvent ev, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var haystack = string.Join('\n', ev.Summary, ev.Description, ev.Location);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(term => haystack.Contains(term, StringComparison.OrdinalIgnoreCase));
    }

    private static bool MatchesProperties(Dictionary<string, string>? properties, IReadOnlyList<KeyValuePair<string, string>> required) =>
        required.All(r => properties is not null && properties.TryGetValue(r.Key, out var value) && value == r.Value);

    private static long SortKey(StoredEvent e, string? orderBy) => orderBy switch
    {
        "startTime" => e.Start.UtcTicks,
        "updated" => e.Updated.UtcTicks,
        _ => 0,
    };

    private static int Compare(long keyA, string idA, long keyB, string idB)
    {
        var byKey = keyA.CompareTo(keyB);
        return byKey != 0 ? byKey : string.CompareOrdinal(idA, idB);
    }
}
