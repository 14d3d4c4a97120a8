using System.Net;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>Creating a series (recurring events guide, "Create recurring events"): <c>recurrence[]</c> holds RRULE /
/// EXRULE / RDATE / EXDATE lines without DTSTART; a timed series needs <c>start.timeZone</c>, an all-day one does not.</summary>
public sealed class RecurringInsertTests : CalendarApiTestBase
{
    [Fact]
    public async Task All_day_monthly_series_needs_no_time_zone()
    {
        var inserted = await Api.InsertAsync(Series.AllDay());

        Assert.Equal(HttpStatusCode.OK, inserted.Status);
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=12"], inserted.Json!["recurrence"]!.AsArray().Select(l => (string)l!));
        Assert.Null(inserted.Json["start"]!["timeZone"]);
        Assert.Null(inserted.Json["recurringEventId"]);
    }

    [Fact]
    public async Task Timed_series_without_start_time_zone_is_refused_as_google_does()
    {
        var refused = await Api.InsertAsync(new
        {
            summary = "Salary",
            start = new { dateTime = "2027-01-04T09:00:00+01:00" },
            end = new { dateTime = "2027-01-04T10:00:00+01:00" },
            recurrence = new[] { "RRULE:FREQ=WEEKLY" },
        });

        refused.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"required","message":"Missing time zone definition for start time."}],"code":400,"message":"Missing time zone definition for start time."}}
            """);
        Assert.Empty((await Api.ListAsync()).Items());
    }

    [Theory]
    [InlineData("RRULE:FREQ=SOMETIMES")]
    [InlineData("RRULE:FREQ=MONTHLY;UNTIL=soon")]
    [InlineData("RRULE:FREQ=MONTHLY;COUNT=many")]
    [InlineData("DTSTART:20270101")]
    [InlineData("EXDATE;VALUE=DATE:2027-02-01")]
    [InlineData("RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY")]
    [InlineData("FREQ=MONTHLY")]
    public async Task Invalid_recurrence_line_is_refused_and_nothing_is_stored(string line)
    {
        var refused = await Api.InsertAsync(Series.AllDay(recurrence: line));

        refused.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"invalid","message":"Invalid recurrence rule."}],"code":400,"message":"Invalid recurrence rule."}}
            """);
        Assert.Empty((await Api.ListAsync()).Items());
    }

    [Fact]
    public async Task Rrule_exdate_and_rdate_lines_are_kept_verbatim()
    {
        string[] lines = ["EXDATE;VALUE=DATE:20270201", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4", "RDATE;VALUE=DATE:20270215"];

        var inserted = await Api.InsertSeriesAsync(Series.AllDay(recurrence: lines));
        var fetched = await Api.GetAsync(inserted.Id);

        Assert.Equal(lines, fetched.Json!["recurrence"]!.AsArray().Select(l => (string)l!));
    }
}
