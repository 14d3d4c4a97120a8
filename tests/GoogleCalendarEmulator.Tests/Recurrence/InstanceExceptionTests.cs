using System.Net;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Recurrence;

/// <summary>Changing one instance (recurring events guide, "Modify instances"; events reference): get/patch/update/
/// delete on an instance id make or change an exception under that id; the master stays as it was. A plain list and
/// an incremental sync report exceptions as their own items and deleted instances as cancelled items carrying
/// <c>recurringEventId</c> and <c>originalStartTime</c>.</summary>
public sealed class InstanceExceptionTests : CalendarApiTestBase
{
    [Fact]
    public async Task Patching_an_instance_creates_an_exception_and_leaves_the_master_unchanged()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var instance = await Api.GetAsync($"{rent.Id}_20270301");
        Emulator.Time.Advance(TimeSpan.FromMinutes(3));

        var moved = await Api.PatchAsync(instance.Id, new { summary = "Rent (moved)", start = new { date = "2027-03-03" }, end = new { date = "2027-03-04" } });

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var ev = moved.Json!;
        Assert.Equal($"{rent.Id}_20270301", moved.Id);
        Assert.Equal(rent.Id, (string?)ev["recurringEventId"]);
        Assert.Equal("2027-03-01", (string?)ev["originalStartTime"]!["date"]);
        Assert.Equal("2027-03-03", (string?)ev["start"]!["date"]);
        Assert.Null(ev["recurrence"]);
        Assert.Equal(1, (int?)ev["sequence"]);
        Assert.NotEqual(instance.Etag, moved.Etag);
        Assert.Equal("2026-11-30T10:03:00.000Z", (string?)ev["updated"]);
        Assert.Equal("7", (string?)ev["extendedProperties"]!["private"]!["aegisId"]);

        var master = await Api.GetAsync(rent.Id);
        Assert.True(JsonNode.DeepEquals(rent.Json, master.Json), master.Json!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(ev, (await Api.GetAsync(moved.Id)).Json));
        var instances = (await Api.InstancesAsync(rent.Id)).Items();
        Assert.Equal(12, instances.Count);
        Assert.Equal("2027-03-03", (string?)instances[2]["start"]!["date"]);
    }

    [Fact]
    public async Task Changing_only_the_description_of_an_instance_keeps_its_sequence()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());

        var changed = await Api.PatchAsync($"{rent.Id}_20270501", new { description = "paid" });

        Assert.Equal(0, (int?)changed.Json!["sequence"]);
        Assert.Equal("paid", (string?)changed.Json["description"]);
    }

    [Fact]
    public async Task Update_of_an_instance_keeps_its_identity_and_refuses_a_recurrence()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var id = $"{rent.Id}_20270601";

        var updated = await Api.UpdateAsync(id, new
        {
            summary = "Rent June",
            start = new { date = "2027-06-02" },
            end = new { date = "2027-06-03" },
            recurringEventId = "someotherevent",
            originalStartTime = new { date = "2027-06-09" },
        });
        var recurring = await Api.PatchAsync(id, new { recurrence = new[] { "RRULE:FREQ=DAILY" } });

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(rent.Id, (string?)updated.Json!["recurringEventId"]);
        Assert.Equal("2027-06-01", (string?)updated.Json["originalStartTime"]!["date"]);
        Assert.Equal(HttpStatusCode.BadRequest, recurring.Status);
        Assert.Equal("Rent June", (string?)(await Api.GetAsync(id)).Json!["summary"]);
    }

    [Fact]
    public async Task Instance_writes_honour_if_match()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var id = $"{rent.Id}_20270701";
        var generated = await Api.GetAsync(id);

        var stale = await Api.PatchAsync(id, new { summary = "x" }, ifMatch: rent.Etag);
        var current = await Api.PatchAsync(id, new { summary = "y" }, ifMatch: generated.Etag);
        var staleDelete = await Api.DeleteAsync(id, ifMatch: generated.Etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.Status);
    }

    [Fact]
    public async Task Deleting_an_instance_makes_a_cancelled_instance()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var id = $"{rent.Id}_20270401";

        var deleted = await Api.DeleteAsync(id);
        var fetched = await Api.GetAsync(id);
        var again = await Api.DeleteAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("cancelled", (string?)fetched.Json!["status"]);
        Assert.Equal(rent.Id, (string?)fetched.Json["recurringEventId"]);
        Assert.Equal("2027-04-01", (string?)fetched.Json["originalStartTime"]!["date"]);
        Assert.Equal(HttpStatusCode.Gone, again.Status);
        Assert.Equal(11, (await Api.InstancesAsync(rent.Id)).Items().Count);
        var withDeleted = (await Api.InstancesAsync(rent.Id, "showDeleted=true")).Items();
        Assert.Equal(12, withDeleted.Count);
        Assert.Equal("cancelled", (string?)withDeleted[3]["status"]);
        Assert.True(JsonNode.DeepEquals(rent.Json, (await Api.GetAsync(rent.Id)).Json));
    }

    [Fact]
    public async Task Update_restores_a_cancelled_instance_as_an_exception()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var id = $"{rent.Id}_20270401";
        await Api.DeleteAsync(id);

        var restored = await Api.UpdateAsync(id, new { summary = "Rent back", start = new { date = "2027-04-01" }, end = new { date = "2027-04-02" } });

        Assert.Equal("confirmed", (string?)restored.Json!["status"]);
        Assert.Equal(12, (await Api.InstancesAsync(rent.Id)).Items().Count);
    }

    [Theory]
    [InlineData("_20270315")]
    [InlineData("_20270301T000000Z")]
    [InlineData("_garbage")]
    public async Task An_id_that_is_no_occurrence_of_the_series_is_404(string suffix)
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());

        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync(rent.Id + suffix)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PatchAsync(rent.Id + suffix, new { summary = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.DeleteAsync(rent.Id + suffix)).Status);
    }

    [Fact]
    public async Task Plain_list_and_incremental_sync_report_the_exception_and_the_cancelled_instance()
    {
        var rent = await Api.InsertSeriesAsync(Series.AllDay());
        var (_, syncToken, _) = await Api.ListAllAsync("maxResults=10");
        await Api.PatchAsync($"{rent.Id}_20270301", new { start = new { date = "2027-03-03" }, end = new { date = "2027-03-04" } });
        await Api.DeleteAsync($"{rent.Id}_20270401");

        var (changes, _, _) = await Api.ListAllAsync("syncToken=" + Uri.EscapeDataString(syncToken));
        var plain = (await Api.ListAsync()).Items();

        Assert.Equal([$"{rent.Id}_20270301", $"{rent.Id}_20270401"], changes.Ids().Order(StringComparer.Ordinal));
        var moved = changes.Single(i => (string)i["id"]! == $"{rent.Id}_20270301");
        Assert.Equal("confirmed", (string?)moved["status"]);
        Assert.Equal(rent.Id, (string?)moved["recurringEventId"]);
        var cancelled = changes.Single(i => (string)i["id"]! == $"{rent.Id}_20270401");
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.Equal(rent.Id, (string?)cancelled["recurringEventId"]);
        Assert.Equal("2027-04-01", (string?)cancelled["originalStartTime"]!["date"]);
        Assert.Equal([rent.Id, $"{rent.Id}_20270301", $"{rent.Id}_20270401"], plain.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=12"], plain.Single(i => (string)i["id"]! == rent.Id)["recurrence"]!.AsArray().Select(l => (string)l!));
    }
}
