using System.Net;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>Writes to the master of a series that has exceptions. Google documents no rule here beyond "this and
/// following" trimming the series with UNTIL; the emulator keeps every exception whose original start the new series
/// still generates and cancels the others (reported by sync as cancelled instances), see the README.</summary>
public sealed class SeriesChangeTests : CalendarApiTestBase
{
    [Fact]
    public async Task Trimming_the_series_with_until_cancels_the_exceptions_after_it()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.PatchAsync($"{rent.Id}_20270201", new { description = "February" });
        await Api.PatchAsync($"{rent.Id}_20270601", new { description = "June" });
        var (_, syncToken, _) = await Api.ListAllAsync("");

        var trimmed = await Api.PatchAsync(rent.Id, new { recurrence = new[] { "RRULE:FREQ=MONTHLY;UNTIL=20270430" } });
        var (changes, _, _) = await Api.ListAllAsync("syncToken=" + Uri.EscapeDataString(syncToken));

        Assert.Equal(HttpStatusCode.OK, trimmed.Status);
        Assert.Equal(1, (int?)trimmed.Json!["sequence"]);
        Assert.Equal([rent.Id, $"{rent.Id}_20270601"], changes.Ids().Order(StringComparer.Ordinal));
        Assert.Equal("cancelled", (string?)changes.Single(i => (string)i["id"]! == $"{rent.Id}_20270601")["status"]);
        Assert.Equal("confirmed", (string?)(await Api.GetAsync($"{rent.Id}_20270201")).Json!["status"]);
        Assert.Equal(["2027-01-01", "2027-02-01", "2027-03-01", "2027-04-01"],
            (await Api.InstancesAsync(rent.Id)).Items().Select(i => (string)i["start"]!["date"]!));
    }

    [Fact]
    public async Task Changing_the_series_title_keeps_exceptions_and_renews_every_generated_instance()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.PatchAsync($"{rent.Id}_20270301", new { summary = "March rent" });
        var before = (await Api.InstancesAsync(rent.Id)).Items();

        await Api.PatchAsync(rent.Id, new { summary = "Rent (new landlord)" });
        var after = (await Api.InstancesAsync(rent.Id)).Items();

        Assert.Equal(before.Ids(), after.Ids());
        Assert.Equal("March rent", (string?)after[2]["summary"]);
        Assert.Equal((string?)before[2]["etag"], (string?)after[2]["etag"]);
        Assert.Equal("Rent (new landlord)", (string?)after[0]["summary"]);
        Assert.NotEqual((string?)before[0]["etag"], (string?)after[0]["etag"]);
    }

    [Fact]
    public async Task Moving_the_series_start_cancels_the_exceptions_it_no_longer_generates()
    {
        var salary = await Api.InsertSeriesAsync(Series.Timed("2027-01-04T09:00:00", "2027-01-04T10:00:00", "Europe/Paris", "RRULE:FREQ=WEEKLY;COUNT=4"));
        var exceptionId = $"{salary.Id}_20270111T080000Z";
        await Api.PatchAsync(exceptionId, new { description = "bonus" });

        await Api.PatchAsync(salary.Id, new
        {
            start = new { dateTime = "2027-01-04T11:00:00", timeZone = "Europe/Paris" },
            end = new { dateTime = "2027-01-04T12:00:00", timeZone = "Europe/Paris" },
        });

        Assert.Equal("cancelled", (string?)(await Api.GetAsync(exceptionId)).Json!["status"]);
        Assert.Equal($"{salary.Id}_20270111T100000Z", (await Api.InstancesAsync(salary.Id)).Items()[1]["id"]!.ToString());
    }

    [Fact]
    public async Task Deleting_the_series_cancels_its_exceptions_and_leaves_no_instances()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.PatchAsync($"{rent.Id}_20270301", new { summary = "March rent" });
        var (_, syncToken, _) = await Api.ListAllAsync("");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync(rent.Id)).Status);
        var (changes, _, _) = await Api.ListAllAsync("syncToken=" + Uri.EscapeDataString(syncToken));

        Assert.Equal([rent.Id, $"{rent.Id}_20270301"], changes.Ids().Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal("cancelled", (string?)c["status"]));
        Assert.Empty((await Api.InstancesAsync(rent.Id)).Items());
        Assert.Empty((await Api.ListAsync("singleEvents=true")).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"{rent.Id}_20270401")).Status);
    }

    [Fact]
    public async Task Removing_the_recurrence_makes_a_single_event_and_cancels_exceptions()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.DeleteAsync($"{rent.Id}_20270201");
        await Api.PatchAsync($"{rent.Id}_20270301", new { summary = "March rent" });

        var single = await Api.PatchAsync(rent.Id, new { recurrence = (string[]?)null });

        Assert.Null(single.Json!["recurrence"]);
        Assert.Equal("cancelled", (string?)(await Api.GetAsync($"{rent.Id}_20270301")).Json!["status"]);
        Assert.Equal([rent.Id], (await Api.ListAsync("singleEvents=true")).Items().Ids());
    }
}
