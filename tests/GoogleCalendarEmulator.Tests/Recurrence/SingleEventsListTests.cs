using System.Net;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>events.list and series (reference): <c>singleEvents=true</c> returns instances and one-off events but never
/// the masters, inside timeMin/timeMax; <c>orderBy=startTime</c> (only with singleEvents) orders them; without
/// singleEvents a master is listed once when one of its occurrences is in the window.</summary>
public sealed class SingleEventsListTests : CalendarApiTestBase
{
    [Fact]
    public async Task Single_events_expands_series_inside_the_window_ordered_by_start_time_without_masters()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var once = await Api.InsertAsync(Events.Timed("Insurance", "2027-02-10T09:00:00Z", "2027-02-10T10:00:00Z"));

        var items = (await Api.ListAsync("singleEvents=true&orderBy=startTime&timeMin=2027-02-01T00:00:00Z&timeMax=2027-05-01T00:00:00Z")).Items();

        Assert.Equal([$"{rent.Id}_20270201", once.Id, $"{rent.Id}_20270301", $"{rent.Id}_20270401"], items.Ids());
        Assert.All(items, i => Assert.Null(i["recurrence"]));
    }

    [Fact]
    public async Task Single_events_without_a_window_lists_every_instance_of_a_bounded_series()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());

        var (items, syncToken, _) = await Api.ListAllAsync("singleEvents=true");

        Assert.Equal(12, items.Count);
        Assert.All(items, i => Assert.Equal(rent.Id, (string?)i["recurringEventId"]));
        Assert.NotEmpty(syncToken);
    }

    [Fact]
    public async Task Single_events_pages_through_instances_without_losing_or_repeating_one()
    {
        await Api.InsertSeriesAsync(Series.AllDay());

        var (items, _, pages) = await Api.ListAllAsync("singleEvents=true&orderBy=startTime&maxResults=5");

        Assert.Equal(3, pages);
        Assert.Equal(12, items.Ids().Distinct().Count());
        Assert.Equal(items.Select(i => (string)i["start"]!["date"]!).Order(StringComparer.Ordinal), items.Select(i => (string)i["start"]!["date"]!));
    }

    [Fact]
    public async Task Plain_list_returns_the_master_once_when_one_occurrence_is_in_the_window()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());

        var inWindow = (await Api.ListAsync("timeMin=2027-06-10T00:00:00Z&timeMax=2027-07-10T00:00:00Z")).Items();
        var between = (await Api.ListAsync("timeMin=2027-06-10T00:00:00Z&timeMax=2027-06-20T00:00:00Z")).Items();
        var after = (await Api.ListAsync("timeMin=2028-01-01T00:00:00Z")).Items();

        Assert.Equal([rent.Id], inWindow.Ids());
        Assert.NotNull(inWindow[0]["recurrence"]);
        Assert.Empty(between);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Single_events_shows_an_exception_in_place_of_its_instance_and_cancelled_ones_only_with_show_deleted()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchAsync($"{rent.Id}_20270301", new { summary = "Rent (late)" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"{rent.Id}_20270401")).Status);

        var visible = (await Api.ListAsync("singleEvents=true&orderBy=startTime")).Items();
        var withDeleted = (await Api.ListAsync("singleEvents=true&orderBy=startTime&showDeleted=true")).Items();

        Assert.Equal(11, visible.Count);
        Assert.Equal("Rent (late)", (string?)visible.Single(i => (string)i["id"]! == $"{rent.Id}_20270301")["summary"]);
        Assert.DoesNotContain($"{rent.Id}_20270401", visible.Ids());
        Assert.Equal(12, withDeleted.Count);
        Assert.Equal("cancelled", (string?)withDeleted.Single(i => (string)i["id"]! == $"{rent.Id}_20270401")["status"]);
        Assert.DoesNotContain(rent.Id, withDeleted.Ids());
    }

    [Fact]
    public async Task Incremental_sync_with_single_events_reports_the_instances_of_a_new_series_and_its_exception()
    {
        var (_, syncToken, _) = await Api.ListAllAsync("singleEvents=true");
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        await Api.PatchAsync($"{rent.Id}_20270301", new { summary = "March rent" });

        var (changes, _, _) = await Api.ListAllAsync("singleEvents=true&syncToken=" + Uri.EscapeDataString(syncToken));

        Assert.Equal(12, changes.Ids().Distinct().Count());
        Assert.DoesNotContain(rent.Id, changes.Ids());
        Assert.Equal("March rent", (string?)changes.Single(i => (string)i["id"]! == $"{rent.Id}_20270301")["summary"]);
    }

    [Fact]
    public async Task Order_by_start_time_without_single_events_is_refused_even_with_series()
    {
        await Api.InsertSeriesAsync(Series.AllDay());

        var refused = await Api.ListAsync("orderBy=startTime&singleEvents=false");

        refused.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"badRequest","message":"The requested ordering is not available for the particular query."}],"code":400,"message":"The requested ordering is not available for the particular query."}}
            """);
    }
}
