using System.Net;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Calendar;

public sealed class EventCrudTests : CalendarApiTestBase
{
    [Fact]
    public async Task Insert_returns_google_shaped_event_that_get_returns_unchanged()
    {
        var inserted = await Api.InsertAsync(new
        {
            summary = "Rent due",
            description = "Pay rent",
            start = new { date = "2026-12-01" },
            end = new { date = "2026-12-02" },
            extendedProperties = new { @private = new Dictionary<string, string> { ["aegisId"] = "42" } },
        });

        Assert.Equal(HttpStatusCode.OK, inserted.Status);
        var ev = inserted.Json!;
        Assert.Equal("calendar#event", (string?)ev["kind"]);
        Assert.Matches("^\"[0-9]+\"$", inserted.Etag);
        Assert.Matches("^[a-v0-9]{26}$", inserted.Id);
        Assert.Equal("confirmed", (string?)ev["status"]);
        Assert.Equal("2026-11-30T10:00:00.000Z", (string?)ev["created"]);
        Assert.Equal("2026-11-30T10:00:00.000Z", (string?)ev["updated"]);
        Assert.Equal($"{inserted.Id}@google.com", (string?)ev["iCalUID"]);
        Assert.Equal(0, (int?)ev["sequence"]);
        Assert.Equal("default", (string?)ev["eventType"]);
        Assert.Equal(EmulatorSession.Email, (string?)ev["organizer"]!["email"]);
        Assert.Equal("42", (string?)ev["extendedProperties"]!["private"]!["aegisId"]);
        Assert.Null(ev["location"]);

        var fetched = await Api.GetAsync(inserted.Id);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(ev, fetched.Json));
    }

    [Fact]
    public async Task Update_changes_etag_bumps_sequence_and_updated()
    {
        var inserted = await Api.InsertAsync(Events.Timed("Before"));
        Emulator.Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await Api.UpdateAsync(inserted.Id, Events.Timed("After"), ifMatch: inserted.Etag);

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.NotEqual(inserted.Etag, updated.Etag);
        Assert.Equal(1, (int?)updated.Json!["sequence"]);
        Assert.Equal("2026-11-30T10:05:00.000Z", (string?)updated.Json["updated"]);
        Assert.Equal("2026-11-30T10:00:00.000Z", (string?)updated.Json["created"]);
    }

    [Fact]
    public async Task Patch_merges_fields_and_keeps_the_rest()
    {
        var inserted = await Api.InsertAsync(new
        {
            summary = "Bill",
            location = "Home",
            start = new { dateTime = "2026-12-01T09:00:00Z" },
            end = new { dateTime = "2026-12-01T10:00:00Z" },
            extendedProperties = new { @private = new Dictionary<string, string> { ["a"] = "1" } },
        });

        var patched = await Api.PatchAsync(inserted.Id, new { description = "added", extendedProperties = new { @private = new Dictionary<string, string> { ["b"] = "2" } } });

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("Bill", (string?)patched.Json!["summary"]);
        Assert.Equal("Home", (string?)patched.Json["location"]);
        Assert.Equal("added", (string?)patched.Json["description"]);
        Assert.Equal("1", (string?)patched.Json["extendedProperties"]!["private"]!["a"]);
        Assert.Equal("2", (string?)patched.Json["extendedProperties"]!["private"]!["b"]);
        Assert.Equal(0, (int?)patched.Json["sequence"]);
    }

    [Fact]
    public async Task Reminders_only_change_keeps_updated_but_changes_etag()
    {
        var inserted = await Api.InsertAsync(Events.Timed("Bill"));
        Emulator.Time.Advance(TimeSpan.FromMinutes(1));

        var patched = await Api.PatchAsync(inserted.Id, new { reminders = new { useDefault = false, overrides = new[] { new { method = "popup", minutes = 30 } } } });

        Assert.Equal((string?)inserted.Json!["updated"], (string?)patched.Json!["updated"]);
        Assert.NotEqual(inserted.Etag, patched.Etag);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Write_with_stale_if_match_fails_with_412_condition_not_met(string method)
    {
        var inserted = await Api.InsertAsync(Events.Timed("Bill"));
        await Api.PatchAsync(inserted.Id, new { summary = "changed" });

        var response = await Api.SendAsync(new HttpMethod(method), $"calendar/v3/calendars/primary/events/{inserted.Id}",
            method == "DELETE" ? null : Events.Timed("stale"), ifMatch: inserted.Etag);

        response.AssertGoogleError(HttpStatusCode.PreconditionFailed, """
            {"error":{"errors":[{"domain":"global","reason":"conditionNotMet","message":"Precondition Failed","locationType":"header","location":"If-Match"}],"code":412,"message":"Precondition Failed"}}
            """);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("UPPERCASE123")]
    [InlineData("has-dash-123")]
    [InlineData("wxyz12345")]
    public async Task Insert_with_invalid_client_id_fails_with_400(string id)
    {
        var response = await Api.InsertAsync(Events.Timed("x", id: id));

        response.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"invalid","message":"Invalid resource id value."}],"code":400,"message":"Invalid resource id value."}}
            """);
    }

    [Fact]
    public async Task Insert_with_existing_or_deleted_id_fails_with_409_duplicate()
    {
        const string duplicate = """
            {"error":{"errors":[{"domain":"global","reason":"duplicate","message":"The requested identifier already exists."}],"code":409,"message":"The requested identifier already exists."}}
            """;
        Assert.Equal(HttpStatusCode.OK, (await Api.InsertAsync(Events.Timed("x", id: "aegis0001"))).Status);

        (await Api.InsertAsync(Events.Timed("x", id: "aegis0001"))).AssertGoogleError(HttpStatusCode.Conflict, duplicate);

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync("aegis0001")).Status);
        (await Api.InsertAsync(Events.Timed("x", id: "aegis0001"))).AssertGoogleError(HttpStatusCode.Conflict, duplicate);
    }

    [Fact]
    public async Task Delete_keeps_a_cancelled_tombstone_and_second_delete_is_410()
    {
        var inserted = await Api.InsertAsync(Events.Timed("Bill"));

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync(inserted.Id)).Status);
        var tombstone = await Api.GetAsync(inserted.Id);
        Assert.Equal("cancelled", (string?)tombstone.Json!["status"]);

        (await Api.DeleteAsync(inserted.Id)).AssertGoogleError(HttpStatusCode.Gone, """
            {"error":{"errors":[{"domain":"global","reason":"deleted","message":"Resource has been deleted"}],"code":410,"message":"Resource has been deleted"}}
            """);
    }

    [Fact]
    public async Task Unknown_event_is_404_not_found()
    {
        const string notFound = """
            {"error":{"errors":[{"domain":"global","reason":"notFound","message":"Not Found"}],"code":404,"message":"Not Found"}}
            """;
        (await Api.GetAsync("nosuchevent")).AssertGoogleError(HttpStatusCode.NotFound, notFound);
        (await Api.DeleteAsync("nosuchevent")).AssertGoogleError(HttpStatusCode.NotFound, notFound);
        (await Api.ListAsync(calendarId: "someone-else@example.com")).AssertGoogleError(HttpStatusCode.NotFound, notFound);
    }

    [Fact]
    public async Task Updating_a_cancelled_event_restores_it_as_confirmed()
    {
        await Api.InsertAsync(Events.Timed("x", id: "restore001"));
        await Api.DeleteAsync("restore001");

        var restored = await Api.UpdateAsync("restore001", Events.Timed("back"));

        Assert.Equal(HttpStatusCode.OK, restored.Status);
        Assert.Equal("confirmed", (string?)restored.Json!["status"]);
        Assert.Equal("back", (string?)(await Api.GetAsync("restore001")).Json!["summary"]);
    }

    [Fact]
    public async Task Insert_without_end_fails_with_400_required()
    {
        var response = await Api.InsertAsync(new { summary = "x", start = new { date = "2026-12-01" } });

        response.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"required","message":"Missing end time."}],"code":400,"message":"Missing end time."}}
            """);
    }

    [Fact]
    public async Task End_before_start_fails_with_400_time_range_empty()
    {
        var response = await Api.InsertAsync(Events.Timed("x", start: "2026-12-01T10:00:00Z", end: "2026-12-01T09:00:00Z"));

        response.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"calendar","reason":"timeRangeEmpty","message":"The specified time range is empty."}],"code":400,"message":"The specified time range is empty."}}
            """);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("{\"start\":\"text instead of object\"}")]
    public async Task Malformed_body_fails_with_400_parse_error(string body)
    {
        var response = await Api.InsertAsync(body);

        response.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"parseError","message":"Parse Error"}],"code":400,"message":"Parse Error"}}
            """);
    }

    [Fact]
    public async Task Local_date_time_with_time_zone_is_accepted_and_without_zone_rejected()
    {
        var zoned = await Api.InsertAsync(new
        {
            summary = "x",
            start = new { dateTime = "2026-12-01T09:00:00", timeZone = "Europe/Berlin" },
            end = new { dateTime = "2026-12-01T10:00:00", timeZone = "Europe/Berlin" },
        });
        var unzoned = await Api.InsertAsync(new { summary = "x", start = new { dateTime = "2026-12-01T09:00:00" }, end = new { dateTime = "2026-12-01T10:00:00" } });

        Assert.Equal(HttpStatusCode.OK, zoned.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unzoned.Status);
    }

    [Fact]
    public async Task Calendars_insert_get_and_calendar_list_show_primary_and_secondary()
    {
        var created = await Api.SendAsync(HttpMethod.Post, "calendar/v3/calendars", new { summary = "Aegis", timeZone = "Europe/Berlin" });
        var id = created.Id;

        var fetched = await Api.SendAsync(HttpMethod.Get, $"calendar/v3/calendars/{Uri.EscapeDataString(id)}", null);
        var primary = await Api.SendAsync(HttpMethod.Get, "calendar/v3/calendars/primary", null);
        var list = await Api.SendAsync(HttpMethod.Get, "calendar/v3/users/me/calendarList", null);

        Assert.Equal("calendar#calendar", (string?)created.Json!["kind"]);
        Assert.EndsWith("@group.calendar.google.com", id);
        Assert.Equal("Aegis", (string?)fetched.Json!["summary"]);
        Assert.Equal(EmulatorSession.Email, primary.Id);
        Assert.Equal("calendar#calendarList", (string?)list.Json!["kind"]);
        var items = list.Json["items"]!.AsArray();
        Assert.Equal([EmulatorSession.Email, id], items.Select(i => (string)i!["id"]!));
        Assert.True((bool?)items[0]!["primary"]);
        Assert.Equal("owner", (string?)items[1]!["accessRole"]);
        Assert.Equal(HttpStatusCode.OK, (await Api.InsertAsync(Events.Timed("in secondary"), id)).Status);
    }
}
