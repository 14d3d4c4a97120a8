using System.Net;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>A person in Google's UI (admin person API): "this event" edits or deletes one occurrence; "this and
/// following" (recurring events guide, "Modify all following instances") ends the series with UNTIL before the chosen
/// instance and creates a new series, a copy with the private extended properties, carrying the rest.</summary>
public sealed class ThisAndFollowingTests : CalendarApiTestBase
{
    [Fact]
    public async Task Person_edits_and_deletes_one_occurrence_without_api_calls_counted()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Emulator.Admin.ClearRequestsAsync();

        var moved = await Emulator.Admin.PatchEventAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270301",
            new { start = new { date = "2027-03-05" }, end = new { date = "2027-03-06" } });
        await Emulator.Admin.DeleteEventAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270401");

        Assert.Empty(await Emulator.Admin.GetRequestCountsAsync());
        Assert.Equal(rent.Id, moved.RecurringEventId);
        Assert.Equal("2027-03-01", moved.OriginalStartTime!.Date);
        Assert.Equal("2027-03-05", moved.Start!.Date);
        Assert.Equal("cancelled", (string?)(await Api.GetAsync($"{rent.Id}_20270401")).Json!["status"]);
        Assert.Equal(11, (await Api.InstancesAsync(rent.Id)).Items().Count);
    }

    [Fact]
    public async Task This_and_following_ends_the_series_with_until_and_a_copy_carries_the_remaining_count()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var allDates = (await Api.InstancesAsync(rent.Id)).Items().Select(i => (string)i["start"]!["date"]!).ToList();

        var split = await Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270901",
            new { summary = "Rent (new amount)" });

        Assert.Equal(["RRULE:FREQ=MONTHLY;UNTIL=20270831"], split.Original.Recurrence);
        Assert.Equal("Rent", split.Original.Summary);
        Assert.Equal($"{rent.Id}_R20270901", split.Following.Id);
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=4"], split.Following.Recurrence);
        Assert.Equal("2027-09-01", split.Following.Start!.Date);
        Assert.Equal("2027-09-02", split.Following.End!.Date);
        Assert.Equal("Rent (new amount)", split.Following.Summary);
        Assert.Equal("7", split.Following.ExtendedProperties!.Private!["aegisId"]);
        Assert.Equal("bill", split.Following.ExtendedProperties!.Shared!["kind"]);
        Assert.Null(split.Following.RecurringEventId);
        Assert.NotEqual(split.Original.ICalUid, split.Following.ICalUid);

        var first = (await Api.InstancesAsync(rent.Id)).Items().Select(i => (string)i["start"]!["date"]!).ToList();
        var rest = (await Api.InstancesAsync(split.Following.Id!)).Items().Select(i => (string)i["start"]!["date"]!).ToList();
        Assert.Equal(8, first.Count);
        Assert.Equal(4, rest.Count);
        Assert.Equal(allDates, first.Concat(rest));
        Assert.Equal(12, (await Api.ListAsync("singleEvents=true")).Items().Count);
    }

    [Fact]
    public async Task This_and_following_on_a_timed_series_sets_until_one_second_before_the_instance()
    {
        var salary = await Api.InsertSeriesAsync(Series.Timed("2027-01-04T09:00:00", "2027-01-04T10:00:00", "Europe/Paris", "RRULE:FREQ=WEEKLY;BYDAY=MO"));

        var split = await Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{salary.Id}_20270118T080000Z",
            new { location = "New office" });

        Assert.Equal(["RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270118T075959Z"], split.Original.Recurrence);
        Assert.Equal(["RRULE:FREQ=WEEKLY;BYDAY=MO"], split.Following.Recurrence);
        Assert.Equal($"{salary.Id}_R20270118T080000", split.Following.Id);
        Assert.Equal("2027-01-18T09:00:00+01:00", split.Following.Start!.DateTime);
        Assert.Equal("Europe/Paris", split.Following.Start.TimeZone);
        Assert.Equal("New office", split.Following.Location);
        Assert.Equal(2, (await Api.InstancesAsync(salary.Id)).Items().Count);
        Assert.Equal($"{split.Following.Id}_20270125T080000Z",
            (await Api.InstancesAsync(split.Following.Id!, "timeMax=2027-02-01T00:00:00Z")).Items()[1]["id"]!.ToString());
    }

    [Fact]
    public async Task This_and_following_moves_exdates_and_rdates_to_the_series_whose_range_holds_them()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay(recurrence:
            ["RRULE:FREQ=MONTHLY;COUNT=12", "EXDATE;VALUE=DATE:20270301,20271001", "RDATE;VALUE=DATE:20270315"]));

        var split = await Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270901", new { });

        Assert.Equal(["RRULE:FREQ=MONTHLY;UNTIL=20270831", "EXDATE;VALUE=DATE:20270301", "RDATE;VALUE=DATE:20270315"], split.Original.Recurrence);
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=4", "EXDATE;VALUE=DATE:20271001"], split.Following.Recurrence);
        Assert.Equal(["2027-09-01", "2027-11-01", "2027-12-01"],
            (await Api.InstancesAsync(split.Following.Id!)).Items().Select(i => (string)i["start"]!["date"]!));
    }

    [Fact]
    public async Task This_and_following_counts_what_count_counts_the_rule_occurrences_before_exdate()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay(recurrence: ["RRULE:FREQ=MONTHLY;COUNT=12", "EXDATE;VALUE=DATE:20270301"]));

        var split = await Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270901", new { });

        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=4"], split.Following.Recurrence);
        var first = (await Api.InstancesAsync(rent.Id)).Items().Select(i => (string)i["start"]!["date"]!);
        var rest = (await Api.InstancesAsync(split.Following.Id!)).Items().Select(i => (string)i["start"]!["date"]!);
        Assert.Equal(7, first.Count());
        Assert.Equal(["2027-09-01", "2027-10-01", "2027-11-01", "2027-12-01"], rest);
    }

    [Fact]
    public async Task This_and_following_cancels_the_exceptions_it_replaces_and_sync_reports_both_series()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.PatchAsync($"{rent.Id}_20270201", new { description = "paid" });
        await Api.PatchAsync($"{rent.Id}_20271001", new { description = "paid early" });
        var (_, syncToken, _) = await Api.ListAllAsync("");

        var split = await Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270901", new { });
        var (changes, _, _) = await Api.ListAllAsync("syncToken=" + Uri.EscapeDataString(syncToken));

        Assert.Equal([rent.Id, $"{rent.Id}_20271001", split.Following.Id!], changes.Ids().Order(StringComparer.Ordinal));
        Assert.Equal("cancelled", (string?)changes.Single(i => (string)i["id"]! == $"{rent.Id}_20271001")["status"]);
        Assert.Equal("paid", (string?)(await Api.GetAsync($"{rent.Id}_20270201")).Json!["description"]);
    }

    [Fact]
    public async Task This_and_following_refuses_what_is_not_a_later_instance_and_changes_nothing()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var single = await Api.InsertAsync(Events.Timed("Once"));

        var onSingle = await Record(() => Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", single.Id, new { }));
        var onFirst = await Record(() => Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270101", new { }));
        var onNone = await Record(() => Emulator.Admin.SplitSeriesAsPersonAsync(EmulatorSession.Email, "primary", $"{rent.Id}_20270102", new { }));

        Assert.Equal(HttpStatusCode.BadRequest, onSingle.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, onFirst.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onNone.StatusCode);
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=12"], (await Api.GetAsync(rent.Id)).Json!["recurrence"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(2, (await Api.ListAsync()).Items().Count);
    }

    private static async Task<HttpRequestException> Record(Func<Task<SeriesSplit>> call) =>
        await Assert.ThrowsAsync<HttpRequestException>(call);
}
