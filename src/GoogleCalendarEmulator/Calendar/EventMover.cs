using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>
/// events.move: the event leaves the source calendar (a cancelled tombstone with its id stays there, so the source's
/// incremental sync reports it cancelled) and appears in the destination with the same id, iCalUID, creator, created
/// and sequence, a new etag and updated, and the destination as organizer (Google: "changes an event's organizer").
/// A recurring event moves whole, its exceptions with it (changed ones, and cancelled ones, so a deleted occurrence does
/// not come back on the destination); one instance (generated or an exception) cannot move alone. Both calendars' channels are notified. One account lock
/// covers the checks and both writes, so no reader sees the event in both calendars or in neither.
/// </summary>
internal sealed class EventMover(EventService events)
{
    public CalendarEvent Move(Account account, string calendarId, string eventId, string? destinationId)
    {
        if (string.IsNullOrEmpty(destinationId))
        {
            throw GoogleErrors.RequiredParameter("destination");
        }

        lock (account.Gate)
        {
            var source = Writable(account, calendarId);
            var stored = source.Events.GetValueOrDefault(eventId) ?? SeriesInstances.FindGenerated(source, eventId);
            if (stored is null or { IsCancelled: true })
            {
                throw GoogleErrors.NotFound();
            }

            var destination = Writable(account, destinationId);
            if (stored.Resource.RecurringEventId is not null)
            {
                throw GoogleErrors.CannotChangeOrganizerOfInstance();
            }

            if (stored.Resource.EventType is { } type && type != "default")
            {
                throw GoogleErrors.Invalid($"Events of type {type} cannot be moved; only default events can.");
            }

            if (ReferenceEquals(source, destination))
            {
                return stored.Resource;
            }

            // The series and its exceptions, changed and cancelled ones (a deleted occurrence stays deleted wherever the
            // series is; the other instances are generated from the series wherever it is).
            List<StoredEvent> moving = [stored, .. SeriesInstances.Exceptions(source, eventId)];
            if (moving.Any(e => !e.IsCancelled && destination.Events.GetValueOrDefault(e.Id) is { IsCancelled: false }))
            {
                throw GoogleErrors.Duplicate();
            }

            // Leaving the source: deleting the series there cancels its exceptions too; any still live are deleted.
            foreach (var item in moving.Where(item => source.Events[item.Id] is { IsCancelled: false }))
            {
                events.Delete(account, source.Id, item.Id, ifMatch: null);
            }

            CalendarEvent? moved = null;
            foreach (var item in moving)
            {
                var copy = GoogleJson.Clone(item.Resource);
                copy.Organizer = null;
                var committed = events.Commit(account, destination, copy, destination.Events.GetValueOrDefault(item.Id));

                // Created belongs to the event, not to its stay in this calendar. The snapshot was made under this
                // lock a moment ago and is not yet visible to any reader.
                committed.Created = item.Resource.Created;
                moved ??= committed;
            }

            return moved!;
        }
    }

    private static CalendarData Writable(Account account, string calendarId)
    {
        var calendar = EventService.Calendar(account, calendarId);
        return calendar.CanWrite ? calendar : throw GoogleErrors.RequiredAccessLevel();
    }
}
