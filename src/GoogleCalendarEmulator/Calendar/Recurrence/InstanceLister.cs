using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>
/// events.instances: the instances of one series in original-start order, paged like events.list (the page token
/// pins the series and resumes strictly after the last (original start, id) returned). There is no sync token.
/// A non-recurring event is its own only instance; a deleted series has none.
/// </summary>
internal sealed class InstanceLister(EmulatorState state)
{
    public EventsListResponse List(Account account, string calendarId, string eventId, InstancesQuery query)
    {
        lock (account.Gate)
        {
            var calendar = EventService.Calendar(account, calendarId);
            var master = calendar.Events.GetValueOrDefault(eventId) ?? throw GoogleErrors.NotFound();
            var pinned = "instances:" + master.Id;
            (long Key, string Id)? cursor = null;
            if (query.PageToken is not null)
            {
                var position = state.ListTokens.TryDecode(query.PageToken);
                if (position is null || position.Kind != ListTokenKind.Page || position.OrderBy != pinned
                    || !position.CalendarId.Equals(calendar.Id, StringComparison.OrdinalIgnoreCase))
                {
                    throw GoogleErrors.InvalidParameter("pageToken");
                }

                cursor = (position.CursorKey, position.CursorId ?? string.Empty);
            }

            var ordered = Candidates(calendar, master, query)
                .Where(e => (query.ShowDeleted || !e.IsCancelled)
                    && (query.TimeMin is not { } min || e.End >= min)
                    && (query.TimeMax is not { } max || e.Start < max)
                    && (query.OriginalStart is not { } original || SeriesInstances.OriginalStart(e) == original))
                .Select(e => (Key: SeriesInstances.OriginalStart(e).UtcTicks, Event: e))
                .Where(x => cursor is null || x.Key > cursor.Value.Key || (x.Key == cursor.Value.Key && string.CompareOrdinal(x.Event.Id, cursor.Value.Id) > 0))
                .OrderBy(x => x.Key)
                .ThenBy(x => x.Event.Id, StringComparer.Ordinal)
                .Take(query.MaxResults + 1)
                .ToList();

            var page = ordered.Take(query.MaxResults).ToList();
            string? next = null;
            if (ordered.Count > query.MaxResults)
            {
                var last = page[^1];
                next = state.ListTokens.Encode(new ListPosition(ListTokenKind.Page, calendar.Id, account.SyncEpoch, account.ChangeSequence,
                    OrderBy: pinned, CursorKey: last.Key, CursorId: last.Event.Id));
            }

            return EventLister.Page(account, calendar, account.ChangeSequence, page.Select(x => x.Event.Resource).ToList(), next, nextSyncToken: null,
                query.TimeZone?.Id);
        }
    }

    private IEnumerable<StoredEvent> Candidates(CalendarData calendar, StoredEvent master, InstancesQuery query)
    {
        if (!SeriesInstances.IsMaster(master))
        {
            return [master];
        }

        if (master.IsCancelled)
        {
            return [];
        }

        var until = query.TimeMax ?? query.OriginalStart?.AddDays(2) ?? state.Time.GetUtcNow() + SeriesInstances.Horizon;
        return SeriesInstances.Instances(calendar, master, until, query.ShowDeleted, query.TimeZone);
    }
}
