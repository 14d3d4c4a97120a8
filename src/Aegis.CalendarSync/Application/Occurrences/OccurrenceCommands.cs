using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Application.Occurrences;

/// <summary>The occurrences of the wallet's series, for the API and the UI alike: listing (expanded, overrides
/// applied), changing one (status, amount, time, title) and skipping one. A change is one override write, whose
/// store trigger enqueues the series' push (one Google call for that occurrence); the series is never changed. Bad
/// input changes nothing. Every call is scoped by the caller's user id.</summary>
public sealed class OccurrenceCommands(IFinancialEventStore events, IOccurrenceStore occurrences, TimeProvider time)
{
    /// <summary>Widest window one list may cover.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(5 * 366);

    /// <summary>How far ahead <see cref="NextAsync"/> looks (<see cref="NextDueAsync"/>: past the last override).</summary>
    public static readonly TimeSpan NextHorizon = TimeSpan.FromDays(2 * 366);

    /// <summary>Occurrences overlapping [from, to) in start order; null when the event does not exist for the user.</summary>
    public async Task<IReadOnlyList<Occurrence>?> ListAsync(Guid userId, Guid eventId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (await events.GetAsync(userId, eventId, ct).ConfigureAwait(false) is not { } series)
        {
            return null;
        }

        var overrides = await occurrences.ListAsync(userId, eventId, ct).ConfigureAwait(false);
        return OccurrenceExpander.Expand(series, overrides, from, to);
    }

    /// <summary>The next occurrence still ahead (not skipped) of each recurring event in <paramref name="list"/>.</summary>
    public Task<IReadOnlyDictionary<Guid, Occurrence>> NextAsync(Guid userId, IEnumerable<FinancialEvent> list, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return EachSeriesAsync(userId, list, (series, overrides) => OccurrenceExpander.Next(series, overrides, now, NextHorizon), ct);
    }

    /// <summary>The next occurrence still due (pending) of each recurring event in <paramref name="list"/>; a series
    /// whose remaining occurrences are all paid or skipped is absent.</summary>
    public Task<IReadOnlyDictionary<Guid, Occurrence>> NextDueAsync(Guid userId, IEnumerable<FinancialEvent> list, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return EachSeriesAsync(userId, list, (series, overrides) => OccurrenceExpander.NextDue(series, overrides, now, NextHorizon), ct);
    }

    /// <summary>The first occurrence (not skipped) overlapping [<paramref name="from"/>, <paramref name="to"/>) of each
    /// recurring event in <paramref name="list"/>; series without one are absent.</summary>
    public Task<IReadOnlyDictionary<Guid, Occurrence>> FirstInWindowAsync(Guid userId, IEnumerable<FinancialEvent> list,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        EachSeriesAsync(userId, list, (series, overrides) =>
            OccurrenceExpander.Expand(series, overrides, from, to).FirstOrDefault(o => o.Status != OccurrenceStatus.Skipped), ct);

    private async Task<IReadOnlyDictionary<Guid, Occurrence>> EachSeriesAsync(Guid userId, IEnumerable<FinancialEvent> list,
        Func<FinancialEvent, IReadOnlyList<OccurrenceOverride>, Occurrence?> pick, CancellationToken ct)
    {
        var found = new Dictionary<Guid, Occurrence>();
        foreach (var series in list.Where(e => RecurrenceLines.IsRecurring(e.Recurrence)))
        {
            var overrides = await occurrences.ListAsync(userId, series.Id, ct).ConfigureAwait(false);
            if (pick(series, overrides) is { } occurrence)
            {
                found[series.Id] = occurrence;
            }
        }

        return found;
    }

    public async Task<OccurrenceResult> UpdateAsync(Guid userId, Guid eventId, string originalStart, OccurrencePatch patch, CancellationToken ct)
    {
        var (series, _, current, missing) = await FindAsync(userId, eventId, originalStart, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var errors = Validate(patch, current!, series!.Currency);
        if (errors.Count > 0)
        {
            return new OccurrenceResult.Invalid(errors);
        }

        var start = patch.StartAt is { } s ? SqlDialect.Normalize(s) : current!.StartAt;
        var end = patch.EndAt is { } e ? SqlDialect.Normalize(e) : start + (current!.EndAt - current.StartAt);
        var duration = series!.EndAt - series.StartAt;
        var title = patch.Title?.Trim() ?? current!.Title;
        var amount = patch.Amount ?? current!.Amount;
        var written = new OccurrenceOverride
        {
            UserId = userId,
            FinancialEventId = eventId,
            OriginalStart = current!.OriginalStart,
            Status = patch.Status is null ? current.Status : EnumText.Parse<OccurrenceStatus>(patch.Status),
            Amount = amount == series.Amount ? null : amount,
            Title = title == series.Title ? null : title,
            StartAt = start == current.OriginalStart ? null : start,
            EndAt = end == start + duration ? null : end,
            SyncSource = SyncSource.Aegis,
        };
        return await SaveAsync(series, written, ct).ConfigureAwait(false);
    }

    /// <summary>Moves the occurrence to another day, keeping its local time of day and duration.</summary>
    public async Task<OccurrenceResult> MoveToDateAsync(Guid userId, Guid eventId, string originalStart, DateOnly date, CancellationToken ct)
    {
        var (series, _, current, missing) = await FindAsync(userId, eventId, originalStart, ct).ConfigureAwait(false);
        if (missing is not null)
        {
            return missing;
        }

        var start = SeriesExpansion.OnDate(series! with { StartAt = current!.StartAt }, date);
        return await UpdateAsync(userId, eventId, originalStart,
            new OccurrencePatch(StartAt: start, EndAt: start + (current.EndAt - current.StartAt)), ct).ConfigureAwait(false);
    }

    /// <summary>Skips the occurrence (its Google instance is deleted); its amount and title are kept for a restore.</summary>
    public Task<OccurrenceResult> SkipAsync(Guid userId, Guid eventId, string originalStart, CancellationToken ct) =>
        UpdateAsync(userId, eventId, originalStart, new OccurrencePatch(Status: "skipped"), ct);

    private async Task<OccurrenceResult> SaveAsync(FinancialEvent series, OccurrenceOverride written, CancellationToken ct)
    {
        if (!await occurrences.UpsertAsync(written, ct).ConfigureAwait(false))
        {
            return new OccurrenceResult.NotFound("Financial event");
        }

        var overrides = await occurrences.ListAsync(series.UserId, series.Id, ct).ConfigureAwait(false);
        return OccurrenceExpander.Find(series, overrides, written.OriginalStart) is { } saved
            ? new OccurrenceResult.Saved(saved)
            : new OccurrenceResult.NotFound("Occurrence");
    }

    private async Task<(FinancialEvent? Series, IReadOnlyList<OccurrenceOverride>? Overrides, Occurrence? Current, OccurrenceResult? Missing)> FindAsync(
        Guid userId, Guid eventId, string originalStart, CancellationToken ct)
    {
        if (await events.GetAsync(userId, eventId, ct).ConfigureAwait(false) is not { } series)
        {
            return (null, null, null, new OccurrenceResult.NotFound("Financial event"));
        }

        if (OccurrenceKey.Parse(series, originalStart) is not { } key)
        {
            return (series, null, null, new OccurrenceResult.Invalid(new Dictionary<string, string[]>
            {
                ["original_start"] = [SeriesExpansion.IsDateBased(series)
                    ? "original_start must be the occurrence's date (yyyy-MM-dd) or its start in RFC 3339."
                    : "original_start must be the occurrence's start in RFC 3339 with an offset, e.g. 2025-03-01T09:00:00Z."],
            }));
        }

        var overrides = await occurrences.ListAsync(userId, eventId, ct).ConfigureAwait(false);
        return OccurrenceExpander.Find(series, overrides, key) is { } current
            ? (series, overrides, current, null)
            : (series, overrides, null, new OccurrenceResult.NotFound("Occurrence"));
    }

    private static Dictionary<string, string[]> Validate(OccurrencePatch patch, Occurrence current, string currency)
    {
        var errors = new Dictionary<string, string[]>();
        if (patch.Status is not null && !Enum.GetValues<OccurrenceStatus>().Any(s => EnumText.ToText(s) == patch.Status))
            errors["status"] = ["status must be one of pending, paid, skipped."];
        if (patch.Amount is { } amount && (amount < 0 || amount > EventInputValidator.MaxAmount))
            errors["amount"] = ["The amount must be between 0 and 10,000,000,000,000."];
        else if (patch.Amount is { } exact && !CurrencyMinorUnits.Fits(exact, currency))
            errors["amount"] = [CurrencyMinorUnits.Describe(currency)];
        if (patch.Title is { } title && (string.IsNullOrWhiteSpace(title) || title.Length > EventInputValidator.MaxTitleLength))
            errors["title"] = [$"title must be 1 to {EventInputValidator.MaxTitleLength} characters."];
        var start = patch.StartAt ?? current.StartAt;
        if (patch.EndAt is { } end && end <= start)
            errors["end_at"] = ["The end must be after the start."];
        return errors;
    }
}
