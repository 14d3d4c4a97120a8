using System.Text.Json;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>
/// Recurring events: an instance id resolves to its stored exception or, failing that, to the instance the series
/// generates; writing it stores an exception under that id (the master is not touched). A master write that leaves an
/// exception's original start outside the series (new rule, UNTIL, start time, no recurrence, deletion) cancels that
/// exception, so clients see it go as a cancelled item.
/// </summary>
internal sealed partial class EventService
{
    /// <summary>Google UI's "this and following" from <paramref name="instanceId"/>: the master's rule ends just before
    /// that instance (UNTIL), and a new series — a copy of the master, extended properties included, with
    /// <paramref name="changes"/> applied — carries the rest.</summary>
    public SeriesSplit SplitFromInstance(Account account, string calendarId, string instanceId, JsonObject changes)
    {
        lock (account.Gate)
        {
            var calendar = Calendar(account, calendarId);
            var instance = FindOrInstance(calendar, instanceId);
            if (instance.Resource.RecurringEventId is not { } masterId
                || calendar.Events.GetValueOrDefault(masterId) is not { IsCancelled: false } master || !SeriesInstances.IsMaster(master))
            {
                throw GoogleErrors.BadRequest("The event is not an instance of a recurring event.");
            }

            var before = SeriesInstances.Occurrences(calendar, master).TakeWhile(o => InstanceIds.For(masterId, o) != instanceId).ToList();
            var target = SeriesInstances.Occurrences(calendar, master).Skip(before.Count).FirstOrDefault()
                ?? throw GoogleErrors.NotFound();
            if (before.Count == 0)
            {
                throw GoogleErrors.BadRequest("Splitting at the first instance would leave the series empty; change the series instead.");
            }

            var rules = SeriesSplitRules.Split(master.Resource.Recurrence!, target, RuleOccurrencesBefore(calendar, master, target),
                master.Resource.Start!.TimeZone ?? calendar.TimeZone);
            var followingId = $"{masterId}_R{InstanceIds.Suffix(target).TrimEnd('Z')}";
            if (calendar.Events.ContainsKey(followingId))
            {
                throw GoogleErrors.Duplicate();
            }

            var trimmed = GoogleJson.Clone(master.Resource);
            trimmed.Recurrence = rules.Trimmed;
            var original = CommitSeriesAware(account, calendar, trimmed, master);

            var generated = SeriesInstances.Generated(calendar, master, target).Resource;
            var following = GoogleJson.Clone(master.Resource);
            following.Id = followingId;
            following.ICalUid = $"{followingId}@google.com";
            following.Sequence = null;
            following.Start = generated.Start;
            following.End = generated.End;
            following.Recurrence = rules.Following;
            var merged = JsonSerializer.SerializeToNode(following, GoogleJson.Options)!.AsObject();
            EventPatch.Apply(merged, changes);
            var input = JsonBody.Deserialize<CalendarEvent>(merged);
            input.Id = followingId;
            return new SeriesSplit(original, Commit(account, calendar, input, previous: null));
        }
    }

    /// <summary>How many occurrences the RRULE alone gives before <paramref name="target"/>: RFC 5545's COUNT counts those,
    /// before RDATE adds and EXDATE removes dates.</summary>
    private static int RuleOccurrencesBefore(CalendarData calendar, StoredEvent master, SeriesOccurrence target)
    {
        var rulesOnly = GoogleJson.Clone(master.Resource);
        rulesOnly.Recurrence = [.. master.Resource.Recurrence!.Where(l => l.StartsWith("RRULE", StringComparison.OrdinalIgnoreCase))];
        return RecurrenceRules.Expand(rulesOnly, master.Start, master.End, calendar.TimeZone)
            .Take(SeriesInstances.MaxInstances)
            .TakeWhile(o => o.Start < target.Start)
            .Count();
    }

    private static StoredEvent FindOrInstance(CalendarData calendar, string eventId) =>
        calendar.Events.GetValueOrDefault(eventId) ?? SeriesInstances.FindGenerated(calendar, eventId) ?? throw GoogleErrors.NotFound();

    /// <summary>Commits an update/patch/delete of an existing event or instance: an instance keeps its
    /// <c>recurringEventId</c> and <c>originalStartTime</c> (immutable) and cannot carry a recurrence; a master write
    /// then cancels the exceptions the new series no longer generates.</summary>
    private CalendarEvent CommitSeriesAware(Account account, CalendarData calendar, CalendarEvent input, StoredEvent previous)
    {
        if (previous.Resource.RecurringEventId is { } masterId)
        {
            if (RecurrenceRules.IsRecurring(input))
            {
                throw GoogleErrors.Invalid("An instance of a recurring event cannot have a recurrence.");
            }

            input.RecurringEventId = masterId;
            input.OriginalStartTime = previous.Resource.OriginalStartTime;
        }

        var resource = Commit(account, calendar, input, previous);
        if (SeriesInstances.IsMaster(previous))
        {
            CancelOrphanedExceptions(account, calendar, resource.Id!);
        }

        return resource;
    }

    private void CancelOrphanedExceptions(Account account, CalendarData calendar, string masterId)
    {
        var live = SeriesInstances.Exceptions(calendar, masterId).Where(e => !e.IsCancelled).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var master = calendar.Events[masterId];
        var generated = new HashSet<string>(StringComparer.Ordinal);
        if (!master.IsCancelled && SeriesInstances.IsMaster(master))
        {
            var last = live.Max(SeriesInstances.OriginalStart).AddDays(1);
            generated.UnionWith(SeriesInstances.Occurrences(calendar, master).TakeWhile(o => o.Start <= last).Select(o => InstanceIds.For(masterId, o)));
        }

        foreach (var orphan in live.Where(e => !generated.Contains(e.Id)))
        {
            var tombstone = GoogleJson.Clone(orphan.Resource);
            tombstone.Status = EventStatus.Cancelled;
            Commit(account, calendar, tombstone, orphan);
        }
    }
}
