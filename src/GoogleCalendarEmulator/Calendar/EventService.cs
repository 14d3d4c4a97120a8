using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>
/// Event writes shared by the Calendar API and the admin "act as a person" routes. Every operation runs under the
/// account lock; each write takes the next account change sequence, a new etag, and notifies the calendar's channels.
/// </summary>
internal sealed partial class EventService(EmulatorState state)
{
    public CalendarEvent Get(Account account, string calendarId, string eventId)
    {
        lock (account.Gate)
        {
            return FindOrInstance(Calendar(account, calendarId), eventId).Resource;
        }
    }

    public CalendarEvent Insert(Account account, string calendarId, CalendarEvent input)
    {
        lock (account.Gate)
        {
            var calendar = Calendar(account, calendarId);
            if (input.Id is { } id)
            {
                if (!EventValidator.IsValidId(id))
                {
                    throw GoogleErrors.Invalid("Invalid resource id value.");
                }

                // A cancelled event still holds its id.
                if (calendar.Events.ContainsKey(id))
                {
                    throw GoogleErrors.Duplicate();
                }
            }
            else
            {
                input.Id = NewEventId();
            }

            return Commit(account, calendar, input, previous: null);
        }
    }

    public CalendarEvent Update(Account account, string calendarId, string eventId, CalendarEvent input, string? ifMatch)
    {
        lock (account.Gate)
        {
            var calendar = Calendar(account, calendarId);
            var previous = FindOrInstance(calendar, eventId);
            CheckPrecondition(previous, ifMatch);
            input.Id = previous.Id;
            return CommitSeriesAware(account, calendar, input, previous);
        }
    }

    public CalendarEvent Patch(Account account, string calendarId, string eventId, JsonObject patch, string? ifMatch)
    {
        lock (account.Gate)
        {
            var calendar = Calendar(account, calendarId);
            var previous = FindOrInstance(calendar, eventId);
            CheckPrecondition(previous, ifMatch);
            var merged = JsonSerializer.SerializeToNode(previous.Resource, GoogleJson.Options)!.AsObject();
            EventPatch.Apply(merged, patch);
            var input = JsonBody.Deserialize<CalendarEvent>(merged);
            input.Id = previous.Id;
            return CommitSeriesAware(account, calendar, input, previous);
        }
    }

    public void Delete(Account account, string calendarId, string eventId, string? ifMatch)
    {
        lock (account.Gate)
        {
            var calendar = Calendar(account, calendarId);
            var previous = FindOrInstance(calendar, eventId);
            CheckPrecondition(previous, ifMatch);
            if (previous.IsCancelled)
            {
                throw GoogleErrors.Deleted();
            }

            var tombstone = GoogleJson.Clone(previous.Resource);
            tombstone.Status = EventStatus.Cancelled;
            CommitSeriesAware(account, calendar, tombstone, previous);
        }
    }

    internal static CalendarData Calendar(Account account, string calendarId) =>
        account.FindCalendar(calendarId) ?? throw GoogleErrors.NotFound();

    private static void CheckPrecondition(StoredEvent stored, string? ifMatch)
    {
        if (ifMatch is not null && ifMatch != "*" && ifMatch != stored.Resource.Etag)
        {
            throw GoogleErrors.ConditionNotMet();
        }
    }

    internal CalendarEvent Commit(Account account, CalendarData calendar, CalendarEvent input, StoredEvent? previous)
    {
        var (start, end) = EventValidator.Validate(input, calendar.TimeZone);
        var now = state.Time.GetUtcNow();
        var sequence = account.NextChange();
        var prior = previous?.Resource;

        var resource = GoogleJson.Clone(input);
        resource.Kind = "calendar#event";
        resource.Etag = $"\"{now.ToUnixTimeMilliseconds()}{sequence:D6}\"";
        resource.Status ??= EventStatus.Confirmed;
        resource.HtmlLink = HtmlLink(resource.Id!, calendar.Id);
        resource.Created = prior?.Created ?? RfcTime.Format(now);
        resource.ICalUid = prior?.ICalUid ?? input.ICalUid ?? $"{resource.Id}@google.com";
        resource.Creator = prior?.Creator ?? new EventPerson { Email = account.Email, Self = true };
        resource.Organizer = prior?.Organizer ?? new EventPerson { Email = calendar.Id, DisplayName = calendar.Primary ? null : calendar.Summary, Self = true };
        resource.EventType ??= "default";
        resource.Reminders ??= new EventReminders { UseDefault = true };
        resource.Sequence = NextSequence(prior, input);

        // Google does not bump `updated` when only reminders change; sync still sees the change through the new sequence.
        var updated = prior is not null && OnlyRemindersChanged(prior, resource) ? previous!.Updated : now;
        resource.Updated = RfcTime.Format(updated);

        calendar.Events[resource.Id!] = new StoredEvent(resource, sequence, updated, start, end);
        NotifyWatchers(account, calendar);
        return resource;
    }

    private void NotifyWatchers(Account account, CalendarData calendar)
    {
        foreach (var channel in state.Channels.Watching(account.Email, calendar.Id, state.Time.GetUtcNow()))
        {
            state.Notifications.Enqueue(channel, "exists");
        }
    }

    /// <summary>sequence increases when the summary, the time or the recurrence changes (RFC 5545 §3.8.7.4); a higher
    /// client-supplied value wins.</summary>
    private static int NextSequence(CalendarEvent? prior, CalendarEvent input)
    {
        if (prior is null)
        {
            return Math.Max(0, input.Sequence ?? 0);
        }

        var current = prior.Sequence ?? 0;
        var significant = prior.Summary != input.Summary || !SameJson(prior.Start, input.Start) || !SameJson(prior.End, input.End)
            || !SameJson(prior.Recurrence, input.Recurrence);
        return Math.Max(significant ? current + 1 : current, input.Sequence ?? 0);
    }

    private static bool OnlyRemindersChanged(CalendarEvent prior, CalendarEvent next)
    {
        static JsonNode Content(CalendarEvent ev)
        {
            var node = JsonSerializer.SerializeToNode(ev, GoogleJson.Options)!.AsObject();
            foreach (var field in new[] { "etag", "updated", "reminders", "sequence" })
            {
                node.Remove(field);
            }

            return node;
        }

        return JsonNode.DeepEquals(Content(prior), Content(next));
    }

    private static bool SameJson<T>(T a, T b) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, GoogleJson.Options), JsonSerializer.SerializeToNode(b, GoogleJson.Options));

    internal static string HtmlLink(string eventId, string calendarId) =>
        "https://www.google.com/calendar/event?eid=" +
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{eventId} {calendarId}")).TrimEnd('=');

    /// <summary>26 random base32hex characters, the shape of Google's generated ids.</summary>
    private static string NewEventId()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuv";
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(26);
        return string.Create(26, bytes, static (span, b) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[b[i] & 31];
            }
        });
    }
}
