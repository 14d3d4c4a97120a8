using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar.Listing;

/// <summary>
/// calendarList.list with Google's paging and sync: pages of at most maxResults entries, each with either
/// nextPageToken or nextSyncToken; an incremental listing returns every entry whose list settings changed since the
/// token, deleted and hidden ones included (<c>deleted</c>/<c>hidden</c> true); a token that is forged, from before a
/// reset or invalidated → 410 fullSyncRequired. Same consistency as events.list: pages resume strictly after the last
/// entry returned and the sync token resumes from the calendar-list sequence at which the listing began.
/// </summary>
internal sealed class CalendarLister(EmulatorState state)
{
    public CalendarListResponse List(Account account, CalendarListQuery query)
    {
        lock (account.Gate)
        {
            var codec = state.CalendarListTokens;
            var position = Resolve(account, query, codec);
            var changed = account.Calendars.Values
                .Where(c => position.Since is long since ? c.List.ChangeSequence > since : query.Admits(c))
                .Select(c => (Key: SortKey(c), Calendar: c))
                .Where(x => position.CursorKey is null || string.CompareOrdinal(x.Key, position.CursorKey) > 0)
                .OrderBy(x => x.Key, StringComparer.Ordinal)
                .Take(query.MaxResults + 1)
                .ToList();

            var page = changed.Take(query.MaxResults).ToList();
            var more = changed.Count > query.MaxResults;
            return new CalendarListResponse
            {
                Etag = $"\"{position.Snapshot}{account.SyncEpoch:D3}\"",
                NextPageToken = more ? codec.Encode(position with { IsSyncToken = false, CursorKey = page[^1].Key }) : null,
                NextSyncToken = more ? null : codec.Encode(new CalendarListPosition(IsSyncToken: true, account.SyncEpoch, position.Snapshot)),
                Items = page.Select(x => Entry(x.Calendar)).ToList(),
            };
        }
    }

    public static CalendarListEntry Entry(CalendarData c) => new()
    {
        Etag = c.List.Etag,
        Id = c.Id,
        Summary = c.Summary,
        SummaryOverride = c.List.SummaryOverride,
        Description = c.Description,
        TimeZone = c.TimeZone,
        AccessRole = c.AccessRole,
        Primary = c.Primary ? true : null,
        Hidden = c.List.Hidden ? true : null,
        Selected = c.List.Selected && !c.List.Hidden ? true : null,
        Deleted = c.List.Deleted ? true : null,
        DefaultReminders = c.DefaultReminders,
    };

    /// <summary>The listing's pinned state: a new full listing, a new incremental one, or the next page of either.</summary>
    private static CalendarListPosition Resolve(Account account, CalendarListQuery query, Listing.ListTokenCodec codec)
    {
        if (query.PageToken is not null)
        {
            var page = codec.TryDecode<CalendarListPosition>(query.PageToken);
            var incremental = query.SyncToken is not null;
            if (page is null || page.IsSyncToken || (page.Since is not null) != incremental
                || (!incremental && (page.ShowDeleted != query.ShowDeleted || page.ShowHidden != query.ShowHidden || page.MinAccessRole != query.MinAccessRole)))
            {
                throw incremental ? GoogleErrors.FullSyncRequired() : GoogleErrors.InvalidParameter("pageToken");
            }

            return incremental && page.Epoch != account.SyncEpoch ? throw GoogleErrors.FullSyncRequired() : page;
        }

        if (query.SyncToken is not null)
        {
            var sync = codec.TryDecode<CalendarListPosition>(query.SyncToken);
            return sync is null || !sync.IsSyncToken || sync.Epoch != account.SyncEpoch
                ? throw GoogleErrors.FullSyncRequired()
                : new CalendarListPosition(IsSyncToken: false, account.SyncEpoch, account.CalendarListSequence, Since: sync.Snapshot);
        }

        return new CalendarListPosition(IsSyncToken: false, account.SyncEpoch, account.CalendarListSequence, null,
            query.ShowDeleted, query.ShowHidden, query.MinAccessRole);
    }

    private static string SortKey(CalendarData c) => (c.Primary ? "0" : "1") + c.Id;
}
