using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using static Aegis.CalendarSync.Tests.Mapping.MappingFixtures;

namespace Aegis.CalendarSync.Tests.Recurrence;

public sealed class OccurrenceExpanderTests
{
    private static readonly FinancialEvent Rent = RentBill() with { Recurrence = "RRULE:FREQ=MONTHLY;COUNT=12" };
    private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Original(int index) => SeriesExpansion.OriginalStarts(Rent, To).ElementAt(index).OriginalStart;

    private static OccurrenceOverride Override(int index) => new()
    {
        UserId = Rent.UserId, FinancialEventId = Rent.Id, OriginalStart = Original(index),
    };

    [Fact]
    public void Overrides_apply_to_their_occurrence_only()
    {
        var moved = Original(0).AddDays(4);
        var overrides = new[]
        {
            Override(0) with { StartAt = moved },
            Override(1) with { Status = OccurrenceStatus.Skipped },
            Override(2) with { Status = OccurrenceStatus.Paid, Amount = 1250m, Title = "Rent + fees" },
        };

        var occurrences = OccurrenceExpander.Expand(Rent, overrides, From, To);

        Assert.Equal(12, occurrences.Count);
        Assert.Equal((moved, moved + (Rent.EndAt - Rent.StartAt), true), (occurrences[0].StartAt, occurrences[0].EndAt, occurrences[0].IsMoved));
        Assert.Equal(OccurrenceStatus.Skipped, occurrences[1].Status);
        Assert.Equal((OccurrenceStatus.Paid, 1250m, "Rent + fees"), (occurrences[2].Status, occurrences[2].Amount, occurrences[2].Title));
        Assert.All(occurrences.Skip(3), o => Assert.Equal((OccurrenceStatus.Pending, 1200m, "Rent", false), (o.Status, o.Amount, o.Title, o.Overridden)));
    }

    [Fact]
    public void The_window_is_applied_to_effective_times_so_a_moved_occurrence_follows_its_new_date()
    {
        var window = (From: Original(3), To: Original(4));
        var intoWindow = Override(5) with { StartAt = Original(3).AddDays(2) };
        var outOfWindow = Override(3) with { StartAt = Original(6) };

        var occurrences = OccurrenceExpander.Expand(Rent, [intoWindow, outOfWindow], window.From, window.To);

        Assert.Equal([Original(5)], occurrences.Select(o => o.OriginalStart));
    }

    [Fact]
    public void Next_occurrence_is_the_first_not_skipped_one_still_ahead()
    {
        var now = Original(2).AddHours(30);

        var next = OccurrenceExpander.Next(Rent, [Override(3) with { Status = OccurrenceStatus.Skipped }], now, TimeSpan.FromDays(400));

        Assert.Equal(Original(4), next!.OriginalStart);
        Assert.Null(OccurrenceExpander.Next(Rent, [], Original(11).AddDays(2), TimeSpan.FromDays(400)));
    }

    [Fact]
    public void Next_due_occurrence_passes_over_the_ones_already_paid_or_skipped()
    {
        var now = Original(2).AddHours(30);
        var overrides = new[] { Override(3) with { Status = OccurrenceStatus.Paid }, Override(4) with { Status = OccurrenceStatus.Skipped } };

        Assert.Equal(Original(3), OccurrenceExpander.Next(Rent, overrides, now, TimeSpan.FromDays(400))!.OriginalStart);
        Assert.Equal(Original(5), OccurrenceExpander.NextDue(Rent, overrides, now, TimeSpan.FromDays(400))!.OriginalStart);
    }

    [Fact]
    public void A_series_whose_remaining_occurrences_are_all_paid_has_no_next_due()
    {
        var paid = Enumerable.Range(3, 9).Select(i => Override(i) with { Status = OccurrenceStatus.Paid }).ToList();

        Assert.Null(OccurrenceExpander.NextDue(Rent, paid, Original(2).AddHours(30), TimeSpan.FromDays(400)));
        Assert.Equal(Original(2), OccurrenceExpander.NextDue(Rent, paid, Original(2).AddHours(-1), TimeSpan.FromDays(400))!.OriginalStart);
    }

    [Fact]
    public void An_endless_series_paid_years_ahead_still_has_its_next_due_after_the_last_payment()
    {
        var endless = Rent with { Recurrence = "RRULE:FREQ=MONTHLY" };
        var starts = SeriesExpansion.OriginalStarts(endless, From.AddYears(5)).Select(g => g.OriginalStart).ToList();
        var paid = starts.Take(36).Select(start => new OccurrenceOverride
        {
            UserId = Rent.UserId, FinancialEventId = Rent.Id, OriginalStart = start, Status = OccurrenceStatus.Paid,
        }).ToList();

        Assert.Equal(starts[36], OccurrenceExpander.NextDue(endless, paid, starts[0].AddDays(-1), TimeSpan.FromDays(60))!.OriginalStart);
    }

    [Fact]
    public void Find_returns_only_occurrences_the_series_generates()
    {
        Assert.Equal(Original(7), OccurrenceExpander.Find(Rent, [], Original(7))!.OriginalStart);
        Assert.Null(OccurrenceExpander.Find(Rent, [], Original(7).AddHours(1)));
        Assert.Null(OccurrenceExpander.Find(Rent, [], Original(0).AddDays(-31)));
    }
}
