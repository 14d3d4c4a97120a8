using System.Net;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Calendar;

public sealed class EventListTests : CalendarApiTestBase
{
    private const string FullSyncRequired = """
        {"error":{"errors":[{"domain":"calendar","reason":"fullSyncRequired","message":"Sync token is no longer valid, a full sync is required.","locationType":"parameter","location":"syncToken"}],"code":410,"message":"Sync token is no longer valid, a full sync is required."}}
        """;

    private async Task<List<string>> InsertManyAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Api.InsertAsync(Events.Timed($"event {i}"))).Id);
        }

        return ids;
    }

    [Fact]
    public async Task Paging_gives_next_page_token_until_the_last_page_which_alone_has_next_sync_token()
    {
        var ids = await InsertManyAsync(5);

        var (items, syncToken, pages) = await Api.ListAllAsync("maxResults=2");

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), items.Select(i => (string)i["id"]!).Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrEmpty(syncToken));
    }

    [Fact]
    public async Task List_envelope_has_google_fields()
    {
        await InsertManyAsync(1);

        var page = await Api.ListAsync();

        var json = page.Json!;
        Assert.Equal("calendar#events", (string?)json["kind"]);
        Assert.Equal(EmulatorSession.Email, (string?)json["summary"]);
        Assert.Equal("owner", (string?)json["accessRole"]);
        Assert.Equal("UTC", (string?)json["timeZone"]);
        Assert.Matches("^\"", (string?)json["etag"]);
        Assert.Equal("2026-11-30T10:00:00.000Z", (string?)json["updated"]);
        Assert.Equal("popup", (string?)json["defaultReminders"]![0]!["method"]);
        Assert.Single(json["items"]!.AsArray());
        Assert.Null(json["nextPageToken"]);
    }

    [Fact]
    public async Task Incremental_sync_returns_changed_and_cancelled_events_only()
    {
        var ids = await InsertManyAsync(3);
        var (_, syncToken, _) = await Api.ListAllAsync("maxResults=10");

        await Api.PatchAsync(ids[0], new { summary = "changed" });
        await Api.DeleteAsync(ids[1]);
        var created = (await Api.InsertAsync(Events.Timed("new"))).Id;

        var (changes, nextToken, _) = await Api.ListAllAsync($"syncToken={Uri.EscapeDataString(syncToken)}");

        var byId = changes.ToDictionary(c => (string)c["id"]!);
        Assert.Equal(new[] { ids[0], ids[1], created }.Order(StringComparer.Ordinal), byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("cancelled", (string?)byId[ids[1]]["status"]);
        Assert.Equal("changed", (string?)byId[ids[0]]["summary"]);

        var (none, _, _) = await Api.ListAllAsync($"syncToken={Uri.EscapeDataString(nextToken)}");
        Assert.Empty(none);
    }

    [Fact]
    public async Task Incremental_sync_pages_with_sync_token_and_page_token()
    {
        var (_, syncToken, _) = await Api.ListAllAsync("maxResults=10");
        await InsertManyAsync(5);

        var (changes, _, pages) = await Api.ListAllAsync($"maxResults=2&syncToken={Uri.EscapeDataString(syncToken)}");

        Assert.Equal(5, changes.Count);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Changes_made_while_paging_are_not_lost()
    {
        var ids = (await InsertManyAsync(4)).Order(StringComparer.Ordinal).ToList();
        var first = await Api.ListAsync("maxResults=2");
        var firstPageIds = first.Json!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();

        // While the client pages: an already-listed event changes, and a new one appears.
        await Api.PatchAsync(firstPageIds[0], new { summary = "edited mid-listing" });
        var createdMidway = (await Api.InsertAsync(Events.Timed("created mid-listing"))).Id;

        var rest = await Api.ListAsync($"maxResults=10&pageToken={Uri.EscapeDataString((string)first.Json["nextPageToken"]!)}");
        var syncToken = (string)rest.Json!["nextSyncToken"]!;
        var (changes, _, _) = await Api.ListAllAsync($"syncToken={Uri.EscapeDataString(syncToken)}");

        var seen = firstPageIds.Concat(rest.Json["items"]!.AsArray().Select(i => (string)i!["id"]!)).ToHashSet();
        Assert.Superset(ids.ToHashSet(), seen);
        var changedIds = changes.Select(c => (string)c["id"]!).ToHashSet();
        Assert.Contains(firstPageIds[0], changedIds);
        Assert.Contains(createdMidway, changedIds);
        Assert.Equal("edited mid-listing", (string?)changes.Single(c => (string)c["id"]! == firstPageIds[0])["summary"]);
    }

    [Fact]
    public async Task Invalidated_sync_token_fails_with_410_full_sync_required()
    {
        var (_, syncToken, _) = await Api.ListAllAsync("maxResults=10");

        await Emulator.Admin.InvalidateSyncTokensAsync(EmulatorSession.Email);

        (await Api.ListAsync($"syncToken={Uri.EscapeDataString(syncToken)}")).AssertGoogleError(HttpStatusCode.Gone, FullSyncRequired);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJLaW5kIjowfQAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Forged_sync_token_fails_with_410_full_sync_required(string token)
    {
        (await Api.ListAsync($"syncToken={token}")).AssertGoogleError(HttpStatusCode.Gone, FullSyncRequired);
    }

    [Fact]
    public async Task Forged_page_token_fails_with_400()
    {
        (await Api.ListAsync("pageToken=forged")).AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"invalid","message":"Invalid Value","locationType":"parameter","location":"pageToken"}],"code":400,"message":"Invalid Value"}}
            """);
    }

    [Theory]
    [InlineData("q=rent", "q")]
    [InlineData("timeMin=2026-01-01T00:00:00Z", "timeMin")]
    [InlineData("timeMax=2026-01-01T00:00:00Z", "timeMax")]
    [InlineData("updatedMin=2026-01-01T00:00:00Z", "updatedMin")]
    [InlineData("orderBy=updated", "orderBy")]
    [InlineData("iCalUID=x%40google.com", "iCalUID")]
    [InlineData("privateExtendedProperty=a%3D1", "privateExtendedProperty")]
    [InlineData("sharedExtendedProperty=a%3D1", "sharedExtendedProperty")]
    [InlineData("showDeleted=false", "showDeleted")]
    public async Task Sync_token_with_forbidden_parameter_fails_with_400(string parameter, string name)
    {
        var (_, syncToken, _) = await Api.ListAllAsync("maxResults=10");

        var response = await Api.ListAsync($"syncToken={Uri.EscapeDataString(syncToken)}&{parameter}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = response.Json!["error"]!;
        Assert.Equal(400, (int?)error["code"]);
        Assert.Equal("invalid", (string?)error["errors"]![0]!["reason"]);
        Assert.Equal(name, (string?)error["errors"]![0]!["location"]);
    }

    [Fact]
    public async Task Deleted_events_are_listed_only_with_show_deleted_or_updated_min()
    {
        var ids = await InsertManyAsync(2);
        await Api.DeleteAsync(ids[0]);

        var plain = await Api.ListAsync();
        var withDeleted = await Api.ListAsync("showDeleted=true");
        var withUpdatedMin = await Api.ListAsync("updatedMin=2026-11-30T00:00:00Z");

        Assert.Single(plain.Json!["items"]!.AsArray());
        Assert.Equal(2, withDeleted.Json!["items"]!.AsArray().Count);
        Assert.Equal(2, withUpdatedMin.Json!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Time_window_is_exclusive_on_end_and_start()
    {
        await Api.InsertAsync(Events.Timed("morning", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z"));
        await Api.InsertAsync(Events.Timed("noon", "2026-12-01T12:00:00Z", "2026-12-01T13:00:00Z"));

        var window = await Api.ListAsync("timeMin=2026-12-01T09:00:00Z&timeMax=2026-12-01T12:00:00Z");
        var wider = await Api.ListAsync("timeMin=2026-12-01T08:59:00Z&timeMax=2026-12-01T12:01:00Z");

        Assert.Empty(window.Json!["items"]!.AsArray());
        Assert.Equal(2, wider.Json!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Extended_property_and_text_filters_match_all_given_values()
    {
        await Api.InsertAsync(new
        {
            summary = "Rent payment",
            start = new { date = "2026-12-01" },
            end = new { date = "2026-12-02" },
            extendedProperties = new { @private = new Dictionary<string, string> { ["app"] = "aegis", ["kind"] = "bill" } },
        });
        await Api.InsertAsync(new
        {
            summary = "Salary",
            start = new { date = "2026-12-03" },
            end = new { date = "2026-12-04" },
            extendedProperties = new { @private = new Dictionary<string, string> { ["app"] = "aegis", ["kind"] = "income" } },
        });

        var both = await Api.ListAsync("privateExtendedProperty=app%3Daegis");
        var bills = await Api.ListAsync("privateExtendedProperty=app%3Daegis&privateExtendedProperty=kind%3Dbill");
        var text = await Api.ListAsync("q=rent");

        Assert.Equal(2, both.Json!["items"]!.AsArray().Count);
        Assert.Equal("Rent payment", (string?)bills.Json!["items"]!.AsArray().Single()!["summary"]);
        Assert.Equal("Rent payment", (string?)text.Json!["items"]!.AsArray().Single()!["summary"]);
    }

    [Fact]
    public async Task Order_by_start_time_requires_single_events()
    {
        await Api.InsertAsync(Events.Timed("late", "2026-12-05T08:00:00Z", "2026-12-05T09:00:00Z"));
        await Api.InsertAsync(Events.Timed("early", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z"));

        var rejected = await Api.ListAsync("orderBy=startTime");
        var ordered = await Api.ListAsync("orderBy=startTime&singleEvents=true");

        rejected.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"badRequest","message":"The requested ordering is not available for the particular query."}],"code":400,"message":"The requested ordering is not available for the particular query."}}
            """);
        Assert.Equal(["early", "late"], ordered.Json!["items"]!.AsArray().Select(i => (string)i!["summary"]!));
    }

    [Theory]
    [InlineData("maxResults=0", HttpStatusCode.BadRequest)]
    [InlineData("maxResults=5000", HttpStatusCode.OK)]
    [InlineData("timeMin=2026-12-01T00:00:00", HttpStatusCode.BadRequest)]
    [InlineData("timeMin=2026-12-02T00:00:00Z&timeMax=2026-12-01T00:00:00Z", HttpStatusCode.BadRequest)]
    public async Task List_parameters_are_validated(string query, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await Api.ListAsync(query)).Status);
    }
}
