using System.Globalization;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.State;

namespace GoogleCalendarEmulator.Calendar.Recurrence;

/// <summary>
/// The instances of a series as Google presents them: generated instances (id <c>{masterId}_{originalStart}</c>,
/// <c>recurringEventId</c>, <c>originalStartTime</c>, no <c>recurrence</c>, the master's other fields) for every
/// occurrence without an exception, and the stored exceptions (changed or cancelled instances, which are events of
/// their own under the same id) in their place. Generated instances exist only while read; they carry the master's
/// change sequence and <c>updated</c>, and an etag derived from the master's, so any master write changes them all.
/// </summary>
internal static class SeriesInstances
{
    /// <summary>Google does not document how far an unbounded series is expanded when no timeMax is given; the
    /// emulator stops five years after the emulator clock's now, and at <see cref="MaxInstances"/> per series.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(5 * 365);

    public const int MaxInstances = 5000;

    public static bool IsMaster(StoredEvent e) => RecurrenceRules.IsRecurring(e.Resource);

    public static bool IsInstance(StoredEvent e) => e.Resource.RecurringEventId is not null;

    public static IEnumerable<SeriesOccurrence> Occurrences(CalendarData calendar, StoredEvent master) =>
        RecurrenceRules.Expand(master.Resource, master.Start, master.End, calendar.TimeZone).Take(MaxInstances);

    /// <summary>True when some occurrence overlaps [min, max): end after <paramref name="min"/>, start before <paramref name="max"/>.</summary>
    public static bool Overlaps(CalendarData calendar, StoredEvent master, DateTimeOffset? min, DateTimeOffset? max, bool endInclusive = false) =>
        Occurrences(calendar, master)
            .TakeWhile(o => max is null || o.Start < max)
            .Any(o => min is null || o.End > min || (endInclusive && o.End == min));

    /// <summary>A generated instance for an id of the instance form whose master is a live series generating that
    /// original start and which has no stored exception; null otherwise.</summary>
    public static StoredEvent? FindGenerated(CalendarData calendar, string instanceId)
    {
        if (calendar.Events.ContainsKey(instanceId) || !InstanceIds.TryGetMasterId(instanceId, out var masterId)
            || calendar.Events.GetValueOrDefault(masterId) is not { IsCancelled: false } master || !IsMaster(master))
        {
            return null;
        }

        var suffix = instanceId[(masterId.Length + 1)..];
        if (!TryParseSuffix(suffix, out var target))
        {
            return null;
        }

        var occurrence = Occurrences(calendar, master)
            .TakeWhile(o => o.Start <= target.AddDays(1))
            .FirstOrDefault(o => InstanceIds.Suffix(o) == suffix);
        return occurrence is null ? null : Generated(calendar, master, occurrence);
    }

    /// <summary>Every instance of the series whose start is before <paramref name="until"/>, in original-start order:
    /// generated ones and the stored exceptions (cancelled ones only with <paramref name="includeCancelled"/>).</summary>
    public static IEnumerable<StoredEvent> Instances(CalendarData calendar, StoredEvent master, DateTimeOffset until, bool includeCancelled,
        TimeZoneInfo? renderZone = null)
    {
        var exceptions = Exceptions(calendar, master.Id).ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var occurrence in Occurrences(calendar, master).TakeWhile(o => o.Start < until))
        {
            var id = InstanceIds.For(master.Id, occurrence);
            if (exceptions.Remove(id, out var exception))
            {
                if (includeCancelled || !exception.IsCancelled)
                {
                    yield return exception;
                }
            }
            else
            {
                yield return Generated(calendar, master, occurrence, renderZone);
            }
        }

        // Exceptions moved before `until` from an original start after it are still instances of the window.
        foreach (var moved in exceptions.Values.Where(e => !e.IsCancelled && e.Start < until && OriginalStart(e) >= until))
        {
            yield return moved;
        }
    }

    /// <summary>The events as <c>singleEvents=true</c> presents them: each series replaced by its generated instances
    /// starting before <paramref name="until"/> (its exceptions are events of <paramref name="events"/> themselves).
    /// A cancelled series is dropped, or kept as itself with <paramref name="keepCancelledMasters"/> (an incremental
    /// sync must still report that the series went away).</summary>
    public static IEnumerable<StoredEvent> SingleEvents(CalendarData calendar, IEnumerable<StoredEvent> events, DateTimeOffset until,
        bool keepCancelledMasters)
    {
        foreach (var e in events)
        {
            if (!IsMaster(e))
            {
                yield return e;
            }
            else if (e.IsCancelled)
            {
                if (keepCancelledMasters)
                {
                    yield return e;
                }
            }
            else
            {
                foreach (var occurrence in Occurrences(calendar, e).TakeWhile(o => o.Start < until))
                {
                    if (!calendar.Events.ContainsKey(InstanceIds.For(e.Id, occurrence)))
                    {
                        yield return Generated(calendar, e, occurrence);
                    }
                }
            }
        }
    }

    /// <summary>Stored exceptions (changed or cancelled instances) of the series.</summary>
    public static IEnumerable<StoredEvent> Exceptions(CalendarData calendar, string masterId) =>
        calendar.Events.Values.Where(e => e.Resource.RecurringEventId == masterId);

    /// <summary>The instant <c>originalStartTime</c> denotes (midnight in the calendar's zone for a date).</summary>
    public static DateTimeOffset OriginalStart(StoredEvent instance) => OriginalStart(instance.Resource.OriginalStartTime, instance.Start);

    private static DateTimeOffset OriginalStart(EventDateTime? original, DateTimeOffset fallback)
    {
        if (original?.DateTime is { } text && RfcTime.TryParseWithOffset(text, out var instant))
        {
            return instant;
        }

        return original?.Date is { } date && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : fallback;
    }

    public static StoredEvent Generated(CalendarData calendar, StoredEvent master, SeriesOccurrence occurrence, TimeZoneInfo? renderZone = null)
    {
        var resource = GoogleJson.Clone(master.Resource);
        var id = InstanceIds.For(master.Id, occurrence);
        var seriesZone = master.Resource.Start?.TimeZone;
        var zone = renderZone ?? TimeZoneInfo.FindSystemTimeZoneById(seriesZone ?? calendar.TimeZone);
        resource.Id = id;
        resource.Recurrence = null;
        resource.RecurringEventId = master.Id;
        resource.HtmlLink = EventService.HtmlLink(id, calendar.Id);
        // The master's etag followed by the digits of the original start: unique per instance, new on every master write.
        resource.Etag = $"{master.Resource.Etag!.TrimEnd('"')}{string.Concat(InstanceIds.Suffix(occurrence).Where(char.IsAsciiDigit))}\"";
        resource.Start = When(occurrence.Start, occurrence.Date, seriesZone, zone);
        resource.OriginalStartTime = When(occurrence.Start, occurrence.Date, seriesZone, zone);
        var endDate = occurrence.Date is { } date
            ? date.AddDays((int)Math.Round((occurrence.End - occurrence.Start).TotalDays))
            : (DateOnly?)null;
        resource.End = When(occurrence.End, endDate, master.Resource.End?.TimeZone ?? seriesZone, zone);
        return new StoredEvent(resource, master.ChangeSequence, master.Updated, occurrence.Start, occurrence.End);
    }

    private static EventDateTime When(DateTimeOffset instant, DateOnly? date, string? timeZone, TimeZoneInfo renderZone) =>
        date is { } day
            ? new EventDateTime { Date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TimeZone = timeZone }
            : new EventDateTime
            {
                DateTime = TimeZoneInfo.ConvertTime(instant, renderZone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                TimeZone = timeZone,
            };

    private static bool TryParseSuffix(string suffix, out DateTimeOffset instant)
    {
        if (DateTime.TryParseExact(suffix, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            instant = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        if (DateOnly.TryParseExact(suffix, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Midnight UTC of the date; the caller allows a day of slack for zones east of UTC.
            instant = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        instant = default;
        return false;
    }
}
