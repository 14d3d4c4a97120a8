using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>The recurring bill the series tests share: rent of 950 EUR on the 1st of each month, twelve all-day
/// occurrences from January 1st of next year (a calendar year ahead of the clock), with its months addressed 1 to 12.</summary>
internal static class MonthlyRent
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>January 1st of next year.</summary>
    public static DateOnly FirstMonth => new(DateTimeOffset.UtcNow.Year + 1, 1, 1);

    /// <summary>The original start of month <paramref name="month"/> (1 = January).</summary>
    public static DateTimeOffset Month(int month) => new(FirstMonth.AddMonths(month - 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The instance id suffix of month <paramref name="month"/> (all-day: <c>yyyyMMdd</c>).</summary>
    public static string MonthId(int month) => $"{FirstMonth.AddMonths(month - 1):yyyyMMdd}";

    public static string InstanceId(string masterId, int month) => $"{masterId}_{MonthId(month)}";

    public static async Task<FinancialEvent> CreateAsync(SyncHarness h)
    {
        var start = Month(1);
        var rent = new FinancialEvent
        {
            Id = Guid.NewGuid(), UserId = h.UserId, Title = "Rent", Description = "Flat 2B", Amount = 950m, Currency = "EUR",
            EventType = EventType.Bill, StartAt = start, EndAt = start.AddDays(1), AllDay = true, TimeZone = "UTC",
            Recurrence = "RRULE:FREQ=MONTHLY;COUNT=12",
        };
        await h.Events.InsertAsync(rent, Ct);
        return (await h.Events.GetAsync(h.UserId, rent.Id, Ct))!;
    }

    /// <summary>The wallet changes month <paramref name="month"/> of the series (its override, made if absent).</summary>
    public static async Task EditAsync(SyncHarness h, Guid seriesId, int month, Func<OccurrenceOverride, OccurrenceOverride> edit)
    {
        var occurrences = h.Services.GetRequiredService<IOccurrenceStore>();
        var current = await occurrences.GetAsync(h.UserId, seriesId, Month(month), Ct)
            ?? new OccurrenceOverride { UserId = h.UserId, FinancialEventId = seriesId, OriginalStart = Month(month) };
        Assert.True(await occurrences.UpsertAsync(edit(current) with { SyncSource = SyncSource.Aegis }, Ct));
    }

    /// <summary>Every occurrence of the wallet's series, overrides applied, in original-start order.</summary>
    public static async Task<IReadOnlyList<Occurrence>> OccurrencesAsync(SyncHarness h, Guid seriesId)
    {
        var series = (await h.Events.GetAsync(h.UserId, seriesId, Ct))!;
        var overrides = await h.Services.GetRequiredService<IOccurrenceStore>().ListAsync(h.UserId, seriesId, Ct);
        return OccurrenceExpander.Expand(series, overrides, DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1))
            .OrderBy(o => o.OriginalStart).ToList();
    }
}
