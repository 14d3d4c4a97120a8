using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Recurrence;
using Aegis.CalendarSync.Server.Components.Pages;

namespace Aegis.CalendarSync.Server.Tests.Components;

/// <summary>The event editor's recurrence fields: what they write, and that saving an event never drops its rule or
/// the lines the editor does not show.</summary>
public sealed class EventFormModelRecurrenceTests
{
    private static FinancialEvent Bill(string? recurrence) => new()
    {
        Id = Guid.NewGuid(), UserId = Guid.NewGuid(), Title = "Rent", Amount = 950m, Currency = "EUR", EventType = EventType.Bill,
        StartAt = new DateTimeOffset(2030, 1, 31, 0, 0, 0, TimeSpan.Zero), EndAt = new DateTimeOffset(2030, 2, 1, 0, 0, 0, TimeSpan.Zero),
        AllDay = true, TimeZone = "UTC", Recurrence = recurrence,
    };

    [Theory]
    [InlineData("RRULE:FREQ=MONTHLY;COUNT=12")]
    [InlineData("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20301231")]
    [InlineData("RRULE:FREQ=WEEKLY")]
    [InlineData("RRULE:FREQ=YEARLY;COUNT=5\nEXDATE;VALUE=DATE:20320131\nRDATE;VALUE=DATE:20320215")]
    [InlineData("RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO\nEXDATE;VALUE=DATE:20300304")]
    [InlineData("RDATE;VALUE=DATE:20300215,20300315")]
    [InlineData(null)]
    public void Saving_an_unchanged_event_keeps_its_recurrence_verbatim(string? recurrence)
    {
        var input = EventFormModel.From(Bill(recurrence)).ToInput();

        Assert.Equal(recurrence, input.Recurrence);
    }

    [Fact]
    public void Editor_choices_become_the_rrule_line()
    {
        var form = EventFormModel.From(Bill(null));

        form.Repeat = RepeatFrequency.Monthly;
        form.MonthlyOnLastDay = true;
        form.Ends = RepeatEnd.AfterCount;
        form.Count = 12;
        Assert.Equal("RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12", form.ToInput().Recurrence);

        form.Repeat = RepeatFrequency.Yearly;
        form.Ends = RepeatEnd.OnDate;
        form.Until = new DateOnly(2035, 1, 31);
        Assert.Equal("RRULE:FREQ=YEARLY;UNTIL=20350131", form.ToInput().Recurrence);

        form.AllDay = false;
        form.EventType = EventType.Income;
        form.Repeat = RepeatFrequency.Weekly;
        Assert.Equal("RRULE:FREQ=WEEKLY;UNTIL=20350131T235959Z", form.ToInput().Recurrence);

        form.Repeat = RepeatFrequency.None;
        Assert.Null(form.ToInput().Recurrence);
    }
}
