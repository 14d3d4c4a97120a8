using Aegis.CalendarSync.Feeds;
using Aegis.CalendarSync.Model;
using Ical.Net.CalendarComponents;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>The wallet's own expansion of an event into occurrences (DESIGN §9: Ical.Net in the series' IANA zone),
/// computed from the model, not from any feed text. Overrides are applied here by original start: a skipped
/// occurrence is dropped, a moved one takes its new times, a paid one its status.</summary>
internal static class SeriesExpander
{
    /// <summary>Occurrences whose (effective) start lies in [<paramref name="from"/>, <paramref name="to"/>), by start.
    /// Throws <see cref="FormatException"/> when the event's recurrence lines cannot be read.</summary>
    public static IReadOnlyList<SeriesOccurrence> Expand(FinancialEvent e, IReadOnlyList<FeedOccurrenceOverride> overrides,
        DateTimeOffset from, DateTimeOffset to)
    {
        var times = EventTimes.For(e);
        var rules = SeriesRules.Parse(e.Recurrence, times.ZoneId);
        var component = new CalendarEvent { DtStart = times.Start(e), DtEnd = times.End(e) };
        if (rules.Rule is not null) component.RecurrenceRule = rules.Rule;
        component.ExceptionDates.AddRange(rules.ExceptionDates);
        component.RecurrenceDates.AddRange(rules.RecurrenceDates);
        var byOriginal = overrides.ToDictionary(o => o.OriginalStart.UtcTicks);

        var result = new List<SeriesOccurrence>();
        foreach (var occurrence in component.GetOccurrences(null, null))
        {
            var original = times.ToInstant(occurrence.Period.StartTime);
            var end = times.ToInstant(occurrence.Period.EffectiveEndTime!);
            if (byOriginal.TryGetValue(original.UtcTicks, out var change))
            {
                if (change.Skipped) continue;
                var start = change.Start ?? original;
                result.Add(new SeriesOccurrence(original, start, change.End ?? start + (end - original), times.AllDay,
                    change.Title ?? e.Title, change.Status ?? e.Status, change.Amount ?? e.Amount));
            }
            else if (original >= to)
            {
                // Moved occurrences may land before a later original start: keep scanning one rule period past `to`
                // only for overrides; the rule itself is done.
                if (!byOriginal.Values.Any(o => o.OriginalStart >= original && !o.Skipped)) break;
            }
            else
            {
                result.Add(new SeriesOccurrence(original, original, end, times.AllDay, e.Title, e.Status, e.Amount));
            }
        }

        return result.Where(o => o.Start >= from && o.Start < to).OrderBy(o => o.Start).ToList();
    }
}
