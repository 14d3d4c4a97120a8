using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Recurrence;

/// <summary>A series' occurrences with overrides applied. An EXDATE'd occurrence is shown as skipped (deleting an
/// occurrence in Google and skipping it in the wallet look the same to the user); an occurrence moved into the window
/// from outside it is included, one moved out of it is not.</summary>
public static class OccurrenceExpander
{
    /// <summary>Occurrences overlapping [<paramref name="from"/>, <paramref name="to"/>) by their effective times,
    /// ordered by effective start then original start.</summary>
    public static IReadOnlyList<Occurrence> Expand(FinancialEvent series, IReadOnlyList<OccurrenceOverride> overrides,
        DateTimeOffset from, DateTimeOffset to)
    {
        var byStart = overrides.ToDictionary(o => o.OriginalStart);
        var result = new List<Occurrence>();
        var seen = new HashSet<DateTimeOffset>();
        foreach (var generated in SeriesExpansion.OriginalStarts(series, to))
        {
            seen.Add(generated.OriginalStart);
            var occurrence = Apply(series, generated, byStart.GetValueOrDefault(generated.OriginalStart));
            if (occurrence.EndAt > from && occurrence.StartAt < to)
            {
                result.Add(occurrence);
            }
        }

        // Occurrences whose original start is after the window but which were moved into it.
        foreach (var moved in overrides.Where(o => !seen.Contains(o.OriginalStart) && o.OriginalStart >= to && o.StartAt < to))
        {
            if (SeriesExpansion.Generates(series, moved.OriginalStart))
            {
                var occurrence = Apply(series, new SeriesExpansion.Generated(moved.OriginalStart, false), moved);
                if (occurrence.EndAt > from)
                {
                    result.Add(occurrence);
                }
            }
        }

        return result.OrderBy(o => o.StartAt).ThenBy(o => o.OriginalStart).ToList();
    }

    /// <summary>The first occurrence that is not skipped and ends after <paramref name="now"/>, looking at most
    /// <paramref name="horizon"/> past now or past the series' start when that is later; null when there is none.</summary>
    public static Occurrence? Next(FinancialEvent series, IReadOnlyList<OccurrenceOverride> overrides, DateTimeOffset now, TimeSpan horizon) =>
        Expand(series, overrides, now, (series.StartAt > now ? series.StartAt : now) + horizon)
            .FirstOrDefault(o => o.Status != OccurrenceStatus.Skipped);

    /// <summary>The first occurrence still due (pending: neither paid nor skipped) that ends after <paramref name="now"/>;
    /// null when the series has none left. Every occurrence after the last override is pending, so looking
    /// <paramref name="horizon"/> past the latest of now, the series' start and every override's original and moved
    /// start finds it whenever the series repeats at least once per horizon.</summary>
    public static Occurrence? NextDue(FinancialEvent series, IReadOnlyList<OccurrenceOverride> overrides, DateTimeOffset now, TimeSpan horizon)
    {
        var latest = overrides.Select(o => o.StartAt is { } moved && moved > o.OriginalStart ? moved : o.OriginalStart)
            .Append(series.StartAt).Append(now).Max();
        return Expand(series, overrides, now, latest + horizon).FirstOrDefault(o => o.Status == OccurrenceStatus.Pending);
    }

    /// <summary>The occurrence at <paramref name="originalStart"/>, or null when the series does not generate it.</summary>
    public static Occurrence? Find(FinancialEvent series, IReadOnlyList<OccurrenceOverride> overrides, DateTimeOffset originalStart)
    {
        var generated = SeriesExpansion.OriginalStarts(series, originalStart.AddTicks(1)).LastOrDefault();
        return generated.OriginalStart == originalStart && generated != default
            ? Apply(series, generated, overrides.FirstOrDefault(o => o.OriginalStart == originalStart))
            : null;
    }

    public static Occurrence Apply(FinancialEvent series, SeriesExpansion.Generated generated, OccurrenceOverride? o)
    {
        var duration = series.EndAt - series.StartAt;
        var start = o?.StartAt ?? generated.OriginalStart;
        var end = o?.EndAt ?? start + duration;
        var status = generated.Excluded ? OccurrenceStatus.Skipped : o?.Status ?? OccurrenceStatus.Pending;
        return new Occurrence(series.Id, generated.OriginalStart, start, end, o?.Title ?? series.Title, o?.Amount ?? series.Amount,
            status, o is not null);
    }
}
