using System.Net;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>events.instances (reference: timeMin inclusive on the end, timeMax exclusive on the start, maxResults,
/// pageToken, originalStart, showDeleted, timeZone) and the instance resource: id <c>{master}_{originalStart}</c>,
/// <c>recurringEventId</c>, <c>originalStartTime</c>, no <c>recurrence</c>, its own etag.</summary>
public sealed class InstancesTests : CalendarApiTestBase
{
    [Fact]
    public async Task Instances_of_a_timed_series_have_google_ids_and_point_to_the_master()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-04T09:00:00+01:00", "2027-01-04T10:00:00+01:00", "Europe/Paris",
            "RRULE:FREQ=WEEKLY;COUNT=3"));

        var items = (await Api.InstancesAsync(master.Id)).Items();

        Assert.Equal([$"{master.Id}_20270104T080000Z", $"{master.Id}_20270111T080000Z", $"{master.Id}_20270118T080000Z"], items.Ids());
        var second = items[1];
        Assert.Equal(master.Id, (string?)second["recurringEventId"]);
        Assert.Equal("2027-01-11T09:00:00+01:00", (string?)second["originalStartTime"]!["dateTime"]);
        Assert.Equal("Europe/Paris", (string?)second["originalStartTime"]!["timeZone"]);
        Assert.Equal("2027-01-11T09:00:00+01:00", (string?)second["start"]!["dateTime"]);
        Assert.Equal("2027-01-11T10:00:00+01:00", (string?)second["end"]!["dateTime"]);
        Assert.Null(second["recurrence"]);
        Assert.Equal("calendar#event", (string?)second["kind"]);
        Assert.Equal("confirmed", (string?)second["status"]);
        Assert.Equal("Salary", (string?)second["summary"]);
        Assert.Equal((string?)master.Json!["iCalUID"], (string?)second["iCalUID"]);
        var etags = items.Select(i => (string)i["etag"]!).Append(master.Etag).ToList();
        Assert.Equal(etags.Count, etags.Distinct().Count());
    }

    [Fact]
    public async Task Get_on_an_instance_id_returns_the_instance_the_list_shows()
    {
        var master = await Api.InsertSeriesAsync(Series.AllDay());
        var listed = (await Api.InstancesAsync(master.Id)).Items()[2];

        var fetched = await Api.GetAsync($"{master.Id}_20270301");

        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.True(JsonNode.DeepEquals(listed, fetched.Json), fetched.Json!.ToJsonString());
    }

    [Fact]
    public async Task Timed_series_keeps_its_local_time_across_daylight_saving()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-03-22T09:00:00", "2027-03-22T10:00:00", "Europe/Paris",
            "RRULE:FREQ=WEEKLY;COUNT=2"));

        var items = (await Api.InstancesAsync(master.Id)).Items();

        Assert.Equal([$"{master.Id}_20270322T080000Z", $"{master.Id}_20270329T070000Z"], items.Ids());
        Assert.Equal("2027-03-29T09:00:00+02:00", (string?)items[1]["start"]!["dateTime"]);
    }

    [Fact]
    public async Task All_day_series_instances_have_date_ids_and_dates()
    {
        var master = await Api.InsertSeriesAsync(Series.AllDay(start: "2027-01-31", end: "2027-02-01",
            recurrence: "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"));

        var items = (await Api.InstancesAsync(master.Id)).Items();

        Assert.Equal([$"{master.Id}_20270131", $"{master.Id}_20270228", $"{master.Id}_20270331"], items.Ids());
        Assert.Equal("2027-02-28", (string?)items[1]["start"]!["date"]);
        Assert.Equal("2027-03-01", (string?)items[1]["end"]!["date"]);
        Assert.Equal("2027-02-28", (string?)items[1]["originalStartTime"]!["date"]);
        Assert.Null(items[1]["start"]!["dateTime"]);
    }

    [Fact]
    public async Task Exdate_and_rdate_lines_remove_and_add_occurrences()
    {
        var master = await Api.InsertSeriesAsync(Series.AllDay(recurrence:
            ["RRULE:FREQ=MONTHLY;COUNT=4", "EXDATE;VALUE=DATE:20270201", "RDATE;VALUE=DATE:20270215"]));

        var items = (await Api.InstancesAsync(master.Id)).Items();

        Assert.Equal(["2027-01-01", "2027-02-15", "2027-03-01", "2027-04-01"], items.Select(i => (string)i["start"]!["date"]!));
    }

    [Fact]
    public async Task Exdate_in_the_series_zone_removes_a_timed_occurrence()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-04T09:00:00", "2027-01-04T10:00:00", "Europe/Paris",
            "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/Paris:20270111T090000"));

        var items = (await Api.InstancesAsync(master.Id)).Items();

        Assert.Equal([$"{master.Id}_20270104T080000Z", $"{master.Id}_20270118T080000Z"], items.Ids());
    }

    [Fact]
    public async Task An_exception_moved_into_the_window_is_listed_by_its_new_start()
    {
        var master = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.PatchAsync($"{master.Id}_20271201", new { start = new { date = "2027-11-20" }, end = new { date = "2027-11-21" } });

        var items = (await Api.InstancesAsync(master.Id, "timeMin=2027-10-15T00:00:00Z&timeMax=2027-12-01T00:00:00Z")).Items();

        Assert.Equal([$"{master.Id}_20271101", $"{master.Id}_20271201"], items.Ids());
        Assert.Equal("2027-11-20", (string?)items[1]["start"]!["date"]);
    }

    [Fact]
    public async Task Time_window_is_inclusive_on_end_and_exclusive_on_start()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-01T09:00:00Z", "2027-01-01T10:00:00Z", "UTC", "RRULE:FREQ=DAILY;COUNT=5"));

        var items = (await Api.InstancesAsync(master.Id, "timeMin=2027-01-02T10:00:00Z&timeMax=2027-01-04T09:00:00Z")).Items();

        Assert.Equal([$"{master.Id}_20270102T090000Z", $"{master.Id}_20270103T090000Z"], items.Ids());
    }

    [Fact]
    public async Task Instances_page_with_max_results_and_page_token_and_have_no_sync_token()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-01T09:00:00Z", "2027-01-01T10:00:00Z", "UTC", "RRULE:FREQ=DAILY;COUNT=5"));

        var ids = new List<string>();
        var pages = 0;
        string? pageToken = null;
        do
        {
            var page = await Api.InstancesAsync(master.Id, "maxResults=2" + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken)));
            ids.AddRange(page.Items().Ids());
            Assert.Null(page.Json!["nextSyncToken"]);
            pageToken = (string?)page.Json["nextPageToken"];
            pages++;
        }
        while (pageToken is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 5).Select(d => $"{master.Id}_202701{d:D2}T090000Z"), ids);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.InstancesAsync(master.Id, "pageToken=forged")).Status);
    }

    [Fact]
    public async Task Original_start_selects_the_one_instance()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-01T09:00:00Z", "2027-01-01T10:00:00Z", "UTC", "RRULE:FREQ=DAILY"));
        var allDay = await Api.InsertSeriesAsync(Series.AllDay());

        var timed = (await Api.InstancesAsync(master.Id, "originalStart=" + Uri.EscapeDataString("2027-01-03T10:00:00+01:00"))).Items();
        var dated = (await Api.InstancesAsync(allDay.Id, "originalStart=2027-05-01")).Items();

        Assert.Equal([$"{master.Id}_20270103T090000Z"], timed.Ids());
        Assert.Equal([$"{allDay.Id}_20270501"], dated.Ids());
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.InstancesAsync(master.Id, "originalStart=tomorrow")).Status);
    }

    [Fact]
    public async Task Time_zone_parameter_renders_instances_in_that_zone()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-01T09:00:00Z", "2027-01-01T10:00:00Z", "UTC", "RRULE:FREQ=DAILY;COUNT=2"));

        var page = await Api.InstancesAsync(master.Id, "timeZone=America/New_York");

        Assert.Equal("America/New_York", (string?)page.Json!["timeZone"]);
        Assert.Equal("2027-01-01T04:00:00-05:00", (string?)page.Items()[0]["start"]!["dateTime"]);
        Assert.Equal(master.Id + "_20270101T090000Z", page.Items()[0]["id"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.InstancesAsync(master.Id, "timeZone=Mars/Olympus")).Status);
    }

    [Fact]
    public async Task Unbounded_series_is_expanded_up_to_time_max()
    {
        var master = await Api.InsertSeriesAsync(Series.Timed("2027-01-01T09:00:00Z", "2027-01-01T10:00:00Z", "UTC", "RRULE:FREQ=DAILY"));

        var items = (await Api.InstancesAsync(master.Id, "timeMax=2027-01-11T00:00:00Z")).Items();

        Assert.Equal(10, items.Count);
    }

    [Fact]
    public async Task Single_event_is_its_own_only_instance_and_unknown_event_is_404()
    {
        var single = await Api.InsertAsync(Events.Timed("Once"));

        Assert.Equal([single.Id], (await Api.InstancesAsync(single.Id)).Items().Ids());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.InstancesAsync("unknownevent")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync(single.Id + "_20270101")).Status);
    }
}
