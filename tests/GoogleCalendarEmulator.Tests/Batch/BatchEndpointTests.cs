using System.Net;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Batch;

/// <summary>POST /batch/calendar/v3 with requests built byte for byte like Google's batch guide.</summary>
public sealed class BatchEndpointTests : CalendarApiTestBase
{
    private const string Events = "/calendar/v3/calendars/primary/events";

    private string Token => Api.Http.DefaultRequestHeaders.Authorization!.Parameter!;

    private static string Rent(string id) =>
        $$$"""{"id":"{{{id}}}","summary":"Rent","start":{"date":"2026-12-01"},"end":{"date":"2026-12-02"}}""";

    [Fact]
    public async Task Each_call_is_answered_in_order_with_its_own_status_and_its_content_id_echoed()
    {
        var existing = await Api.InsertAsync(new { id = "current01", summary = "Salary", start = new { date = "2026-12-05" }, end = new { date = "2026-12-06" } });

        var (status, contentType, calls, _) = await BatchHttp.SendAsync(Emulator.Http,
        [
            new("<item1:12930812@barnyard.example.com>", BatchHttp.Json($"POST {Events} HTTP/1.1", Rent("batchrent01"))),
            new("<item2:12930812@barnyard.example.com>", BatchHttp.Json($"POST {Events}", Rent("current01"))),
            new("<item3:12930812@barnyard.example.com>", $"GET {Events}/missing01"),
            new("<item4:12930812@barnyard.example.com>", BatchHttp.Json($"PATCH {Events}/current01", """{"summary":"Bonus"}""", "If-Match: \"stale\"")),
            new("<item5:12930812@barnyard.example.com>", BatchHttp.Json($"PATCH {Events}/current01", """{"summary":"Bonus"}""", $"If-Match: {existing.Etag}")),
            new("item6", $"DELETE {Events}/current01"),
            new(null, $"GET {Events}/batchrent01"),
        ], Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("multipart/mixed; boundary=batch_", contentType);
        Assert.Equal([200, 409, 404, 412, 200, 204, 200], calls.Select(c => c.Status));
        Assert.Equal(
            ["<response-item1:12930812@barnyard.example.com>", "<response-item2:12930812@barnyard.example.com>",
             "<response-item3:12930812@barnyard.example.com>", "<response-item4:12930812@barnyard.example.com>",
             "<response-item5:12930812@barnyard.example.com>", "<response-item6>", null],
            calls.Select(c => c.ContentId));
        Assert.Equal("batchrent01", (string)calls[0].Json!["id"]!);
        Assert.Equal("duplicate", (string)calls[1].Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal("notFound", (string)calls[2].Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal("conditionNotMet", (string)calls[3].Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal("Bonus", (string)calls[4].Json!["summary"]!);
        Assert.Null(calls[5].Json);
        Assert.Equal("Rent", (string)calls[6].Json!["summary"]!);
        Assert.StartsWith("application/json", calls[0].Headers["Content-Type"]);

        var counts = await Emulator.Admin.GetRequestCountsAsync();
        Assert.Equal("cancelled", (string)(await Api.GetAsync("current01")).Json!["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("batchrent01")).Status);
        Assert.Equal(1, counts["batch"]);
        Assert.Equal(3, counts["events.insert"]);
        Assert.Equal(2, counts["events.get"]);
        Assert.Equal(2, counts["events.patch"]);
        Assert.Equal(1, counts["events.delete"]);
    }

    [Fact]
    public async Task The_request_log_marks_the_calls_of_a_batch_so_http_requests_and_api_calls_can_be_told_apart()
    {
        await Emulator.Admin.ClearRequestsAsync();
        await Api.ListAsync();
        var (status, _, _, _) = await BatchHttp.SendAsync(Emulator.Http,
        [
            new("<a>", BatchHttp.Json($"POST {Events}", Rent("logged01"))),
            new("<b>", BatchHttp.Json($"POST {Events}", Rent("logged02"))),
            new("<c>", $"GET {Events}/logged01"),
        ], Token);

        var log = await Emulator.Admin.GetRequestsAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["events.list", "events.insert", "events.insert", "events.get", "batch"], log.Select(e => e.Operation));
        Assert.Equal([false, true, true, true, false], log.Select(e => e.InBatch));
        // Two HTTP requests (the list and the batch) carried four API calls.
        Assert.Equal(2, log.Count(e => !e.InBatch));
        Assert.Equal(4, log.Count(e => e.Operation != "batch"));
    }

    [Fact]
    public async Task More_calls_than_the_limit_fail_the_whole_batch_and_change_nothing()
    {
        var calls = Enumerable.Range(0, 51).Select(i => new BatchCall($"<c{i}>", BatchHttp.Json($"POST {Events}", Rent($"overlimit{i:D2}"))));

        var (status, _, _, text) = await BatchHttp.SendAsync(Emulator.Http, calls, Token);
        var (fiftyStatus, _, fifty, _) = await BatchHttp.SendAsync(Emulator.Http, calls.Take(50), Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"reason\":\"badRequest\"", text);
        Assert.Contains("Exceeded the maximum calls (50) in a single batch request.", text);
        Assert.Equal(HttpStatusCode.OK, fiftyStatus);
        Assert.Equal(50, fifty.Count(c => c.Status == 200));
        Assert.Equal(50, (await Api.ListAsync("maxResults=2500")).Json!["items"]!.AsArray().Count);
        Assert.Equal(50, (await Emulator.Admin.GetRequestCountsAsync())["events.insert"]);
    }

    [Fact]
    public async Task Each_call_counts_against_the_quota_and_is_refused_on_its_own()
    {
        await using var emulator = await EmulatorSession.StartAsync(o => o.RequestsPerUserPerMinute = 3);
        var api = await emulator.ApiAsync();
        await api.ListAsync();

        var (status, _, calls, _) = await BatchHttp.SendAsync(emulator.Http,
            Enumerable.Range(1, 4).Select(i => new BatchCall($"<list{i}>", $"GET {Events}")),
            api.Http.DefaultRequestHeaders.Authorization!.Parameter);
        var afterwards = await api.ListAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([200, 200, 403, 403], calls.Select(c => c.Status));
        Assert.Equal("userRateLimitExceeded", (string)calls[2].Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal("60", calls[3].Headers["Retry-After"]);
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.Status);
    }

    [Fact]
    public async Task The_outer_authorization_applies_to_every_call_unless_a_call_carries_its_own()
    {
        var other = await Emulator.Admin.IssueTokensAsync("other@example.com");

        var (_, _, withOuter, _) = await BatchHttp.SendAsync(Emulator.Http,
        [
            new("<mine>", BatchHttp.Json($"POST {Events}", Rent("outerauth01"))),
            new("<theirs>", BatchHttp.Json($"POST {Events}", Rent("partauth01"), $"Authorization: Bearer {other.AccessToken}")),
        ], Token);
        var (_, _, withoutOuter, _) = await BatchHttp.SendAsync(Emulator.Http,
        [
            new("<anonymous>", $"GET {Events}"),
            new("<theirs>", $"GET {Events}/partauth01", PartContentType: "application/http"),
        ], bearerToken: null);
        var (_, _, ownToken, _) = await BatchHttp.SendAsync(Emulator.Http,
            [new("<own>", $"GET {Events}/partauth01\r\nAuthorization: Bearer {other.AccessToken}")], bearerToken: null);

        Assert.Equal([200, 200], withOuter.Select(c => c.Status));
        Assert.Equal(EmulatorSession.Email, (string)withOuter[0].Json!["organizer"]!["email"]!);
        Assert.Equal("other@example.com", (string)withOuter[1].Json!["organizer"]!["email"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("partauth01")).Status);
        Assert.Equal([401, 401], withoutOuter.Select(c => c.Status));
        Assert.Equal("authError", (string)withoutOuter[0].Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal(200, ownToken.Single().Status);
    }

    [Fact]
    public async Task Outer_query_parameters_apply_to_calls_that_do_not_set_them()
    {
        await Api.InsertAsync(Infrastructure.Events.Timed("a"));
        await Api.InsertAsync(Infrastructure.Events.Timed("b"));

        var (_, _, calls, _) = await BatchHttp.SendAsync(Emulator.Http,
            [new("<outer>", $"GET {Events}"), new("<own>", $"GET {Events}?maxResults=2")], Token, query: "?maxResults=1");

        Assert.Single(calls[0].Json!["items"]!.AsArray());
        Assert.Equal(2, calls[1].Json!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_malformed_call_or_one_outside_the_calendar_api_fails_alone()
    {
        var (status, _, calls, _) = await BatchHttp.SendAsync(Emulator.Http,
        [
            new("<drive>", "GET /drive/v3/files"),
            new("<text>", $"GET {Events}", PartContentType: "text/plain"),
            new("<garbage>", "not a request line at all"),
            new("<absolute>", BatchHttp.Json($"POST {Emulator.Host.BaseUri}calendar/v3/calendars/primary/events", Rent("absolute01"))),
        ], Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([404, 400, 400, 200], calls.Select(c => c.Status));
        Assert.Equal("notFound", (string)calls[0].Json!["error"]!["errors"]![0]!["reason"]!);
        Assert.Equal("badRequest", (string)calls[1].Json!["error"]!["errors"]![0]!["reason"]!);
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_mixed_is_rejected()
    {
        var response = await Api.SendAsync(HttpMethod.Post, "batch/calendar/v3", """{"not":"multipart"}""");

        response.AssertGoogleError(HttpStatusCode.BadRequest, """
            {"error":{"errors":[{"domain":"global","reason":"badRequest","message":"A batch request must have Content-Type multipart/mixed with a boundary."}],"code":400,"message":"A batch request must have Content-Type multipart/mixed with a boundary."}}
            """);
    }

    [Fact]
    public async Task Injected_faults_fail_one_call_or_the_whole_batch()
    {
        await Emulator.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 503, Method: "POST", PathContains: "/events"));

        var (_, _, calls, _) = await BatchHttp.SendAsync(Emulator.Http,
            [new("<a>", BatchHttp.Json($"POST {Events}", Rent("faulted01"))), new("<b>", BatchHttp.Json($"POST {Events}", Rent("faulted02")))], Token);
        await Emulator.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 500, PathContains: "/batch/"));
        var (wholeStatus, _, _, _) = await BatchHttp.SendAsync(Emulator.Http, [new("<c>", BatchHttp.Json($"POST {Events}", Rent("faulted03")))], Token);

        Assert.Equal([503, 200], calls.Select(c => c.Status));
        Assert.Equal(HttpStatusCode.InternalServerError, wholeStatus);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("faulted03")).Status);
    }
}
