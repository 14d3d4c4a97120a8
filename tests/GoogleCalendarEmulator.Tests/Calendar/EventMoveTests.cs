using System.Net;
using GoogleCalendarEmulator.State;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Calendar;

/// <summary>events.move (POST calendars/{calendarId}/events/{eventId}/move?destination=…) as Google: the event keeps its
/// id, leaves the source as a cancelled event and appears in the destination under the destination as organizer.</summary>
public sealed class EventMoveTests : CalendarApiTestBase
{
    private async Task<string> NewCalendarAsync(string summary) =>
        (await Api.SendAsync(HttpMethod.Post, "calendar/v3/calendars", new { summary })).Id;

    private Task<ApiResponse> MoveAsync(string eventId, string? destination, string calendarId = "primary") =>
        Api.SendAsync(HttpMethod.Post,
            $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events/{eventId}/move"
            + (destination is null ? "" : "?destination=" + Uri.EscapeDataString(destination)), null);

    private Task<ApiResponse> ListAsync(string calendarId, string query) => Api.ListAsync(query, calendarId);

    [Fact]
    public async Task The_event_leaves_the_source_as_cancelled_and_appears_in_the_destination_with_the_same_id()
    {
        var bills = await NewCalendarAsync("Bills");
        var original = await Api.InsertAsync(Events.Timed("Electricity", id: "heating001"));
        var sourceToken = (string)(await ListAsync("primary", "")).Json!["nextSyncToken"]!;
        var destinationToken = (string)(await ListAsync(bills, "")).Json!["nextSyncToken"]!;
        Emulator.Time.Advance(TimeSpan.FromMinutes(5));

        var moved = await MoveAsync("heating001", bills);
        var inSource = await Api.GetAsync("heating001");
        var inDestination = await Api.GetAsync("heating001", bills);
        var sourceChanges = await ListAsync("primary", "syncToken=" + Uri.EscapeDataString(sourceToken));
        var destinationChanges = await ListAsync(bills, "syncToken=" + Uri.EscapeDataString(destinationToken));
        var sourceListing = await ListAsync("primary", "");

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal("heating001", moved.Id);
        Assert.Equal(bills, (string)moved.Json!["organizer"]!["email"]!);
        Assert.Equal("Bills", (string)moved.Json["organizer"]!["displayName"]!);
        Assert.NotEqual(original.Etag, moved.Etag);
        Assert.Equal((string)original.Json!["iCalUID"]!, (string)moved.Json["iCalUID"]!);
        Assert.Equal((string)original.Json["created"]!, (string)moved.Json["created"]!);
        Assert.Equal("2026-11-30T10:05:00.000Z", (string)moved.Json["updated"]!);
        Assert.Equal("Electricity", (string)moved.Json["summary"]!);
        Assert.Equal("cancelled", (string)inSource.Json!["status"]!);
        Assert.Equal("confirmed", (string)inDestination.Json!["status"]!);
        Assert.Equal(moved.Etag, inDestination.Etag);
        var sourceItem = Assert.Single(sourceChanges.Json!["items"]!.AsArray());
        Assert.Equal(("heating001", "cancelled"), ((string)sourceItem!["id"]!, (string)sourceItem["status"]!));
        var destinationItem = Assert.Single(destinationChanges.Json!["items"]!.AsArray());
        Assert.Equal(("heating001", "confirmed"), ((string)destinationItem!["id"]!, (string)destinationItem["status"]!));
        Assert.Empty(sourceListing.Json!["items"]!.AsArray());
        Assert.Equal(1, (await Emulator.Admin.GetRequestCountsAsync())["events.move"]);
    }

    [Fact]
    public async Task An_event_moved_away_can_be_moved_back_but_not_over_a_live_event_with_its_id()
    {
        var bills = await NewCalendarAsync("Bills");
        await Api.InsertAsync(Events.Timed("Water", id: "rates0001"));
        await Api.InsertAsync(Events.Timed("Other water", id: "rates0001"), bills);
        await Api.InsertAsync(Events.Timed("Gas", id: "gas000001"));

        var onto = await MoveAsync("rates0001", bills);
        var away = await MoveAsync("gas000001", bills);
        var back = await MoveAsync("gas000001", "primary", bills);

        onto.AssertGoogleError(HttpStatusCode.Conflict, """
            {"error":{"errors":[{"domain":"global","reason":"duplicate","message":"The requested identifier already exists."}],"code":409,"message":"The requested identifier already exists."}}
            """);
        Assert.Equal("Water", (string)(await Api.GetAsync("rates0001")).Json!["summary"]!);
        Assert.Equal(HttpStatusCode.OK, away.Status);
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal(EmulatorSession.Email, (string)back.Json!["organizer"]!["email"]!);
        Assert.Equal("confirmed", (string)(await Api.GetAsync("gas000001")).Json!["status"]!);
        Assert.Equal("cancelled", (string)(await Api.GetAsync("gas000001", bills)).Json!["status"]!);
    }

    [Fact]
    public async Task A_recurring_series_moves_whole_with_its_exceptions_but_one_instance_cannot_move_alone()
    {
        var bills = await NewCalendarAsync("Bills");
        await Api.InsertAsync(new
        {
            id = "rent00001",
            summary = "Rent",
            start = new { dateTime = "2026-12-01T09:00:00Z", timeZone = "UTC" },
            end = new { dateTime = "2026-12-01T10:00:00Z", timeZone = "UTC" },
            recurrence = new[] { "RRULE:FREQ=MONTHLY;COUNT=12" },
        });
        var exception = await Api.PatchAsync("rent00001_20270101T090000Z", new
        {
            summary = "Rent (late)",
            start = new { dateTime = "2027-01-03T09:00:00Z", timeZone = "UTC" },
            end = new { dateTime = "2027-01-03T10:00:00Z", timeZone = "UTC" },
        });

        var generated = await MoveAsync("rent00001_20270201T090000Z", bills);
        var ofException = await MoveAsync("rent00001_20270101T090000Z", bills);
        var series = await MoveAsync("rent00001", bills);
        var movedException = await Api.GetAsync("rent00001_20270101T090000Z", bills);
        var movedInstances = await Api.SendAsync(HttpMethod.Get, $"calendar/v3/calendars/{Uri.EscapeDataString(bills)}/events/rent00001/instances", null);

        Assert.Equal(HttpStatusCode.OK, exception.Status);
        const string CannotMoveInstance = """
            {"error":{"errors":[{"domain":"calendar","reason":"cannotChangeOrganizerOfInstance","message":"Cannot change the organizer of an instance."}],"code":400,"message":"Cannot change the organizer of an instance."}}
            """;
        generated.AssertGoogleError(HttpStatusCode.BadRequest, CannotMoveInstance);
        ofException.AssertGoogleError(HttpStatusCode.BadRequest, CannotMoveInstance);
        Assert.Equal(HttpStatusCode.OK, series.Status);
        Assert.Equal("rent00001", series.Id);
        Assert.Equal("Rent (late)", (string)movedException.Json!["summary"]!);
        Assert.Equal("rent00001", (string)movedException.Json["recurringEventId"]!);
        Assert.Equal(12, movedInstances.Json!["items"]!.AsArray().Count);
        Assert.Equal("cancelled", (string)(await Api.GetAsync("rent00001")).Json!["status"]!);
        Assert.Equal("cancelled", (string)(await Api.GetAsync("rent00001_20270101T090000Z")).Json!["status"]!);
    }

    [Fact]
    public async Task A_moved_series_keeps_its_deleted_occurrences_deleted_on_the_destination()
    {
        var bills = await NewCalendarAsync("Bills");
        await Api.InsertAsync(new
        {
            id = "rates0002",
            summary = "Water",
            start = new { dateTime = "2026-12-05T09:00:00Z", timeZone = "UTC" },
            end = new { dateTime = "2026-12-05T10:00:00Z", timeZone = "UTC" },
            recurrence = new[] { "RRULE:FREQ=MONTHLY;COUNT=6" },
        });
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("rates0002_20270205T090000Z")).Status);
        var destinationToken = (string)(await ListAsync(bills, "")).Json!["nextSyncToken"]!;

        var series = await MoveAsync("rates0002", bills);
        var instances = await Api.SendAsync(HttpMethod.Get, $"calendar/v3/calendars/{Uri.EscapeDataString(bills)}/events/rates0002/instances", null);
        var skipped = await Api.GetAsync("rates0002_20270205T090000Z", bills);
        var changes = await ListAsync(bills, "syncToken=" + Uri.EscapeDataString(destinationToken));

        Assert.Equal(HttpStatusCode.OK, series.Status);
        var starts = instances.Json!["items"]!.AsArray().Select(i => (string)i!["originalStartTime"]!["dateTime"]!).ToList();
        Assert.Equal(5, starts.Count);
        Assert.DoesNotContain("2027-02-05T09:00:00Z", starts);
        Assert.Equal("cancelled", (string)skipped.Json!["status"]!);
        Assert.Equal(
            [("rates0002", "confirmed"), ("rates0002_20270205T090000Z", "cancelled")],
            changes.Json!["items"]!.AsArray().Select(i => ((string)i!["id"]!, (string)i["status"]!)).OrderBy(i => i.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Missing_unknown_or_read_only_destinations_and_unknown_events_fail_as_google_and_change_nothing()
    {
        var holidays = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Holidays", CalendarAccessRoles.Reader);
        await Api.InsertAsync(Events.Timed("Insurance", id: "insurance1"));

        var missing = await MoveAsync("insurance1", destination: null);
        var unknown = await MoveAsync("insurance1", "nobody@group.calendar.google.com");
        var readOnly = await MoveAsync("insurance1", holidays.Id);
        var unknownEvent = await MoveAsync("missing001", "primary");

        missing.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"required","message":"Required parameter: destination","locationType":"parameter","location":"destination"}],"code":400,"message":"Required parameter: destination"}}
            """);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("requiredAccessLevel", (string)readOnly.Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal(HttpStatusCode.NotFound, unknownEvent.Status);
        Assert.Equal("confirmed", (string)(await Api.GetAsync("insurance1")).Json!["status"]!);
    }
}
