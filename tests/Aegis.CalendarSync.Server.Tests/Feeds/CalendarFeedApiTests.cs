using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Ical.Net;

namespace Aegis.CalendarSync.Server.Tests.Feeds;

/// <summary>GET /feeds/{token}.ics over real HTTP, as a calendar app polls it, and the /api/feed management routes.</summary>
public sealed class CalendarFeedApiTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;
    private HttpClient _app = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("feed@example.com");
        _app = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Feed_is_an_utf8_calendar_with_strong_etag_and_last_modified_and_lists_the_users_events()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Water bill", 31.2m))).ReadJsonAsync(201);
        var url = await IssueAsync();

        var response = await _app.GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("no-cache, private", string.Join(", ", response.Headers.CacheControl!.ToString().Split(", ").Order()));
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal((string)created["id"]!, e.Uid);
        Assert.Contains("Amount: 31.20 EUR", e.Description);
        Assert.Equal("Europe/Lisbon", e.DtStart!.TzId);
    }

    [Fact]
    public async Task Unchanged_feed_answers_304_to_if_none_match_and_to_if_modified_since_and_a_change_renders_again()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        var url = await IssueAsync();
        var first = await _app.GetAsync(url);

        var byTag = await SendAsync(url, r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));
        var byDate = await SendAsync(url, r => r.Headers.IfModifiedSince = first.Content.Headers.LastModified);

        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Equal(first.Headers.ETag, byTag.Headers.ETag);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);

        await (await _user.Client.PutJsonAsync($"api/events/{created["id"]}", EventBodies.Valid("Electricity bill (corrected)"))).ReadJsonAsync();
        var changed = await SendAsync(url, r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
        var e = Assert.Single(Calendar.Load(await changed.Content.ReadAsStringAsync())!.Events);
        Assert.Contains("(corrected)", e.Summary);
        Assert.Equal(1, e.Sequence);
    }

    [Fact]
    public async Task Head_gives_the_validators_without_a_body()
    {
        await _user.Client.PostJsonAsync("api/events", EventBodies.Valid());
        var url = await IssueAsync();
        var get = await _app.GetAsync(url);

        var head = await _app.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Filters_in_the_url_select_types_and_paid_events()
    {
        await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Open bill"));
        var paid = EventBodies.Valid("Paid bill");
        paid["status"] = "paid";
        await _user.Client.PostJsonAsync("api/events", paid);
        var salary = EventBodies.Valid("Salary", 3000m);
        salary["event_type"] = "income";
        await _user.Client.PostJsonAsync("api/events", salary);
        var url = await IssueAsync();

        Assert.Equal(["Open bill", "Paid bill", "Salary"], await TitlesAsync(url));
        Assert.Equal(["Salary"], await TitlesAsync(url + "?types=income"));
        Assert.Equal(["Open bill", "Salary"], await TitlesAsync(url + "?types=bill,income&include_paid=false"));
    }

    [Theory]
    [InlineData("?types=bills", "types")]
    [InlineData("?types=", "types")]
    [InlineData("?include_paid=no", "include_paid")]
    [InlineData("?include_paid=true&include_paid=false", "include_paid")]
    public async Task A_bad_filter_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var url = await IssueAsync();

        var problem = await (await _app.GetAsync(url + query)).AssertProblemAsync(400);

        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task Revoking_makes_the_old_url_404_at_once_with_the_same_answer_as_a_url_that_never_existed()
    {
        var url = await IssueAsync();
        Assert.Equal(HttpStatusCode.OK, (await _app.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _user.Client.DeleteAsync("api/feed")).StatusCode);

        var revoked = await _app.GetAsync(url);
        var never = await _app.GetAsync("feeds/" + Aegis.CalendarSync.Feeds.FeedTokens.Create() + ".ics");
        var malformed = await _app.GetAsync("feeds/x.ics");
        var bodies = new List<string>();
        foreach (var response in new[] { revoked, never, malformed })
        {
            var body = await response.AssertProblemAsync(404);
            body.Remove("trace_id");
            bodies.Add(body.ToJsonString());
            Assert.Null(response.Headers.ETag);
        }

        Assert.True(bodies.Distinct().Count() == 1, string.Join("\n", bodies));
        var status = await (await _user.Client.GetAsync("api/feed")).ReadJsonAsync();
        Assert.False((bool)status["active"]!);
        await (await _user.Client.DeleteAsync("api/feed")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Regenerating_gives_a_new_url_and_the_old_one_404s()
    {
        var old = await IssueAsync();

        var issued = await (await _user.Client.PostAsync("api/feed", null)).ReadJsonAsync(201);

        var url = (string)issued["url"]!;
        Assert.NotEqual(old, url);
        Assert.Equal("webcal" + url["http".Length..], (string)issued["webcal_url"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.GetAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.GetAsync(url)).StatusCode);
        var status = await (await _user.Client.GetAsync("api/feed")).ReadJsonAsync();
        Assert.True((bool)status["active"]!);
        Assert.Equal((string?)issued["created_at"], (string?)status["created_at"]);
    }

    [Fact]
    public async Task Managing_the_feed_requires_a_signed_in_user()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.PostAsync("api/feed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.GetAsync("api/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.DeleteAsync("api/feed")).StatusCode);
    }

    private async Task<string> IssueAsync()
    {
        var issued = await (await _user.Client.PostAsync("api/feed", null)).ReadJsonAsync(201);
        var url = new Uri((string)issued["url"]!);
        Assert.Equal(_server.BaseUri.Authority, url.Authority);
        Assert.Matches("^/feeds/[A-Za-z0-9_-]{43}\\.ics$", url.AbsolutePath);
        return url.AbsoluteUri;
    }

    private async Task<HttpResponseMessage> SendAsync(string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return await _app.SendAsync(request);
    }

    private async Task<List<string>> TitlesAsync(string url)
    {
        var response = await _app.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        return calendar.Events.Select(e => Title(e.Summary!)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>"🧾 Open bill — 84.37 EUR (paid)" → "Open bill".</summary>
    private static string Title(string summary) => summary[(summary.IndexOf(' ') + 1)..summary.IndexOf(" — ", StringComparison.Ordinal)];
}
