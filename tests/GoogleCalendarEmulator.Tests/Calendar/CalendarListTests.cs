using System.Net;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.State;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Calendar;

/// <summary>calendarList.list paging and incremental sync as Google documents them, and the entry routes that change
/// the list (patch hidden, delete).</summary>
public sealed class CalendarListTests : CalendarApiTestBase
{
    private const string ListPath = "calendar/v3/users/me/calendarList";

    private async Task<string> NewCalendarAsync(string summary) =>
        (await Api.SendAsync(HttpMethod.Post, "calendar/v3/calendars", new { summary })).Id;

    private async Task<(List<JsonNode> Items, string SyncToken, int Pages)> ListAllAsync(string query)
    {
        var items = new List<JsonNode>();
        string? pageToken = null;
        for (var pages = 1; ; pages++)
        {
            var page = await Api.SendAsync(HttpMethod.Get, $"{ListPath}?{query}{(pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken))}", null);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            items.AddRange(page.Json!["items"]!.AsArray().Select(i => i!.DeepClone()));
            pageToken = (string?)page.Json["nextPageToken"];
            if (pageToken is null)
            {
                return (items, (string)page.Json["nextSyncToken"]!, pages);
            }

            Assert.Null(page.Json["nextSyncToken"]);
        }
    }

    private static List<string> Ids(IEnumerable<JsonNode> items) => items.Select(i => (string)i["id"]!).ToList();

    [Fact]
    public async Task Pages_of_max_results_end_with_a_sync_token_primary_first()
    {
        var created = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            created.Add(await NewCalendarAsync($"Budget {i}"));
        }

        var (paged, _, pages) = await ListAllAsync("maxResults=2");
        var single = await Api.SendAsync(HttpMethod.Get, ListPath, null);
        var zero = await Api.SendAsync(HttpMethod.Get, ListPath + "?maxResults=0", null);
        var huge = await Api.SendAsync(HttpMethod.Get, ListPath + "?maxResults=100000", null);

        Assert.Equal(3, pages);
        Assert.Equal([EmulatorSession.Email, .. created.Order(StringComparer.Ordinal)], Ids(paged));
        Assert.True((bool)paged[0]["primary"]!);
        Assert.Equal("calendar#calendarList", (string)single.Json!["kind"]!);
        Assert.Equal(5, single.Json["items"]!.AsArray().Count);
        Assert.NotNull(single.Json["nextSyncToken"]);
        Assert.Null(single.Json["nextPageToken"]);
        Assert.Equal(HttpStatusCode.BadRequest, zero.Status);
        Assert.Equal(HttpStatusCode.OK, huge.Status);
    }

    [Fact]
    public async Task Pages_hold_100_entries_by_default_and_never_more_than_250()
    {
        for (var i = 0; i < 300; i++)
        {
            await NewCalendarAsync($"Envelope {i:D3}");
        }

        var byDefault = await Api.SendAsync(HttpMethod.Get, ListPath, null);
        var capped = await Api.SendAsync(HttpMethod.Get, ListPath + "?maxResults=2500", null);
        var (all, _, defaultPages) = await ListAllAsync("showDeleted=false");
        var (_, _, cappedPages) = await ListAllAsync("maxResults=2500");

        Assert.Equal(100, byDefault.Json!["items"]!.AsArray().Count);
        Assert.NotNull(byDefault.Json["nextPageToken"]);
        Assert.Equal(250, capped.Json!["items"]!.AsArray().Count);
        Assert.NotNull(capped.Json["nextPageToken"]);
        Assert.Equal(301, Ids(all).Distinct().Count());
        Assert.Equal(4, defaultPages);
        Assert.Equal(2, cappedPages);
    }

    [Fact]
    public async Task Incremental_sync_returns_only_entries_changed_since_including_hidden_and_removed_ones()
    {
        var removed = await NewCalendarAsync("Old bills");
        var hidden = await NewCalendarAsync("Savings");
        var unchanged = await NewCalendarAsync("Income");
        var (_, token, _) = await ListAllAsync("maxResults=2");

        var added = await NewCalendarAsync("Bills");
        var shared = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Family", CalendarAccessRoles.Reader);
        var patch = await Api.SendAsync(HttpMethod.Patch, $"{ListPath}/{Uri.EscapeDataString(hidden)}", new { hidden = true });
        var delete = await Api.SendAsync(HttpMethod.Delete, $"{ListPath}/{Uri.EscapeDataString(removed)}", null);
        var (changes, nextToken, changePages) = await ListAllAsync("maxResults=1&syncToken=" + Uri.EscapeDataString(token));
        var (none, _, _) = await ListAllAsync("syncToken=" + Uri.EscapeDataString(nextToken));
        var (visible, _, _) = await ListAllAsync("");
        var (everything, _, _) = await ListAllAsync("showDeleted=true&showHidden=true");

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.True((bool)patch.Json!["hidden"]!);
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal(new[] { removed, hidden, added, shared.Id }.Order(StringComparer.Ordinal), Ids(changes).Order(StringComparer.Ordinal));
        Assert.Equal(4, changePages);
        Assert.True((bool)changes.Single(c => (string)c["id"]! == removed)["deleted"]!);
        Assert.True((bool)changes.Single(c => (string)c["id"]! == hidden)["hidden"]!);
        Assert.Equal("reader", (string)changes.Single(c => (string)c["id"]! == shared.Id)["accessRole"]!);
        Assert.Empty(none);
        Assert.Equal(new[] { EmulatorSession.Email, unchanged, added, shared.Id }.Order(StringComparer.Ordinal), Ids(visible).Order(StringComparer.Ordinal));
        Assert.Equal(6, everything.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"{ListPath}/{Uri.EscapeDataString(removed)}", null)).Status);
    }

    [Fact]
    public async Task A_calendar_added_while_paging_is_reported_by_the_next_incremental_sync()
    {
        await NewCalendarAsync("A");
        await NewCalendarAsync("B");
        var first = await Api.SendAsync(HttpMethod.Get, ListPath + "?maxResults=1", null);
        var late = await NewCalendarAsync("Late");
        var (rest, token, _) = await ListAllAsync("maxResults=1&pageToken=" + Uri.EscapeDataString((string)first.Json!["nextPageToken"]!));
        var (changes, _, _) = await ListAllAsync("syncToken=" + Uri.EscapeDataString(token));

        Assert.Contains(late, Ids(rest).Concat(Ids(changes)));
        Assert.Contains(late, Ids(changes));
    }

    [Theory]
    [InlineData("minAccessRole=writer", "minAccessRole")]
    [InlineData("showDeleted=false", "showDeleted")]
    [InlineData("showHidden=false", "showHidden")]
    public async Task Parameters_google_forbids_with_a_sync_token_are_rejected(string parameter, string location)
    {
        var (_, token, _) = await ListAllAsync("");

        var response = await Api.SendAsync(HttpMethod.Get, $"{ListPath}?syncToken={Uri.EscapeDataString(token)}&{parameter}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(location, (string)response.Json!["error"]!["errors"]![0]!["location"]!);
    }

    [Fact]
    public async Task Forged_invalidated_or_events_sync_tokens_are_gone_with_full_sync_required()
    {
        const string FullSyncRequired =
            """{"error":{"errors":[{"domain":"calendar","reason":"fullSyncRequired","message":"Sync token is no longer valid, a full sync is required.","locationType":"parameter","location":"syncToken"}],"code":410,"message":"Sync token is no longer valid, a full sync is required."}}""";
        var (_, token, _) = await ListAllAsync("");
        var (_, eventsToken, _) = await Api.ListAllAsync("maxResults=10");

        var forged = await Api.SendAsync(HttpMethod.Get, ListPath + "?syncToken=forged", null);
        var fromEvents = await Api.SendAsync(HttpMethod.Get, ListPath + "?syncToken=" + Uri.EscapeDataString(eventsToken), null);
        await Emulator.Admin.InvalidateSyncTokensAsync(EmulatorSession.Email);
        var invalidated = await Api.SendAsync(HttpMethod.Get, ListPath + "?syncToken=" + Uri.EscapeDataString(token), null);

        forged.AssertGoogleError(HttpStatusCode.Gone, FullSyncRequired);
        fromEvents.AssertGoogleError(HttpStatusCode.Gone, FullSyncRequired);
        invalidated.AssertGoogleError(HttpStatusCode.Gone, FullSyncRequired);
    }

    [Fact]
    public async Task Min_access_role_keeps_entries_with_at_least_that_role()
    {
        var reader = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Holidays", CalendarAccessRoles.Reader);
        var writer = await Emulator.Admin.AddSharedCalendarAsync(EmulatorSession.Email, "Family", CalendarAccessRoles.Writer);

        var (writable, _, _) = await ListAllAsync("minAccessRole=writer");
        var (readable, _, _) = await ListAllAsync("minAccessRole=reader");
        var unknown = await Api.SendAsync(HttpMethod.Get, ListPath + "?minAccessRole=admin", null);

        Assert.Equal(new[] { EmulatorSession.Email, writer.Id }.Order(StringComparer.Ordinal), Ids(writable).Order(StringComparer.Ordinal));
        Assert.Equal(3, readable.Count);
        Assert.Contains(reader.Id, Ids(readable));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
    }

    [Fact]
    public async Task The_primary_calendar_cannot_be_removed_from_the_list()
    {
        var response = await Api.SendAsync(HttpMethod.Delete, $"{ListPath}/primary", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, $"{ListPath}/primary", null)).Status);
    }
}
