using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using static Aegis.CalendarSync.Tests.Mapping.MappingFixtures;

namespace Aegis.CalendarSync.Tests.Recurrence;

public sealed class SeriesExpansionTests
{
    private static readonly DateTimeOffset Far = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Lisbon is UTC+0 in winter and UTC+1 in summer: local midnight of a summer date is 23:00 UTC.</summary>
    private static DateTimeOffset LisbonMidnight(int year, int month, int day)
    {
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon").GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public void Monthly_bill_of_twelve_expands_to_twelve_local_dates_starting_with_the_series_start()
    {
        var rent = RentBill() with { Recurrence = "RRULE:FREQ=MONTHLY;COUNT=12" };

        var starts = SeriesExpansion.OriginalStarts(rent, Far).ToList();

        Assert.Equal(12, starts.Count);
        Assert.Equal(rent.StartAt, starts[0].OriginalStart);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => LisbonMidnight(2025 + (2 + i) / 12, (2 + i) % 12 + 1, 1)),
            starts.Select(s => s.OriginalStart));
        Assert.DoesNotContain(starts, s => s.Excluded);
    }

    [Fact]
    public void Exdate_marks_its_occurrence_excluded_and_rdate_adds_one()
    {
        var rent = RentBill() with
        {
            Recurrence = "RRULE:FREQ=MONTHLY;COUNT=3\nEXDATE;VALUE=DATE:20250401\nRDATE;VALUE=DATE:20250415",
        };

        var starts = SeriesExpansion.OriginalStarts(rent, Far).ToList();

        Assert.Equal([(LisbonMidnight(2025, 3, 1), false), (LisbonMidnight(2025, 4, 1), true), (LisbonMidnight(2025, 4, 15), false),
            (LisbonMidnight(2025, 5, 1), false)], starts.Select(s => (s.OriginalStart, s.Excluded)));
    }

    [Fact]
    public void Timed_weekly_series_keeps_its_local_time_across_daylight_saving()
    {
        var standup = BerlinTransferAcrossDst() with
        {
            StartAt = new DateTimeOffset(2025, 3, 24, 9, 0, 0, TimeSpan.FromHours(1)),
            EndAt = new DateTimeOffset(2025, 3, 24, 9, 30, 0, TimeSpan.FromHours(1)),
            Recurrence = "RRULE:FREQ=WEEKLY;COUNT=2",
        };

        var starts = SeriesExpansion.OriginalStarts(standup, Far).Select(s => s.OriginalStart).ToList();

        Assert.Equal([new DateTimeOffset(2025, 3, 24, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero)], starts);
    }

    [Fact]
    public void Last_day_of_month_rule_and_a_rule_that_never_matches_again_end_cleanly()
    {
        var lastDay = RentBill() with { Recurrence = "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", StartAt = LisbonMidnight(2025, 1, 31) };
        var impossible = RentBill() with { Recurrence = "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" };

        Assert.Equal([LisbonMidnight(2025, 1, 31), LisbonMidnight(2025, 2, 28), LisbonMidnight(2025, 3, 31)],
            SeriesExpansion.OriginalStarts(lastDay, Far).Select(s => s.OriginalStart));
        Assert.Empty(SeriesExpansion.OriginalStarts(impossible, Far).Skip(1));
    }

    [Fact]
    public void A_series_without_recurrence_is_its_only_occurrence()
    {
        var single = RentBill() with { Recurrence = null };

        Assert.Equal([single.StartAt], SeriesExpansion.OriginalStarts(single, Far).Select(s => s.OriginalStart));
        Assert.True(SeriesExpansion.Generates(single, single.StartAt));
        Assert.False(SeriesExpansion.Generates(single, single.StartAt.AddDays(1)));
    }

    [Theory]
    [InlineData("RRULE:FREQ=MONTHLY;BYMONTHDAY=1", null)]
    [InlineData("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20251231", null)]
    [InlineData("RRULE:FREQ=WEEKLY;COUNT=10\nEXDATE;VALUE=DATE:20250310", null)]
    [InlineData("RRULE:FREQ=SOMETIMES", "not a valid RFC 5545 recurrence rule")]
    [InlineData("RRULE:FREQ=MONTHLY;COUNT=abc", "not a valid RFC 5545 recurrence rule")]
    [InlineData("RRULE:FREQ=MONTHLY;UNTIL=tomorrow", "not a valid RFC 5545 recurrence rule")]
    [InlineData("DTSTART:20250101\nRRULE:FREQ=DAILY", "is not an RRULE, EXRULE, RDATE or EXDATE line")]
    [InlineData("every month", "is not an RRULE, EXRULE, RDATE or EXDATE line")]
    [InlineData("EXDATE;VALUE=DATE:20250310", "needs an RRULE")]
    [InlineData("RRULE:FREQ=DAILY\nEXDATE;VALUE=DATE:notadate", "is not a list of RFC 5545 dates")]
    public void Validation_parses_each_line(string text, string? error)
    {
        var message = RecurrenceLines.Validate(text);

        if (error is null) Assert.Null(message);
        else Assert.Contains(error, message);
    }

    [Fact]
    public void Validation_bounds_the_length()
    {
        Assert.Contains("at most", RecurrenceLines.Validate("RRULE:FREQ=DAILY;" + new string('X', RecurrenceLines.MaxLength)));
    }
}
