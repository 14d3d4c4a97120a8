using System.Net.Http.Json;
using System.Net;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Faults;

public sealed class QuotaTests
{
    private const string OverUserQuota = """{"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded","message":"User Rate Limit Exceeded"}],"code":403,"message":"User Rate Limit Exceeded"}}""";

    [Theory]
    [InlineData(403, HttpStatusCode.Forbidden, "userRateLimitExceeded", "User Rate Limit Exceeded")]
    [InlineData(429, HttpStatusCode.TooManyRequests, "rateLimitExceeded", "Rate Limit Exceeded")]
    public async Task Requests_over_the_per_user_quota_fail_until_the_sliding_minute_frees_a_slot(int configured, HttpStatusCode status, string reason, string message)
    {
        await using var emulator = await EmulatorSession.StartAsync(o =>
        {
            o.RequestsPerUserPerMinute = 3;
            o.RateLimitStatusCode = configured;
        });
        var api = await emulator.ApiAsync();
        var other = await emulator.ApiAsync("other@example.com");

        var atStart = new[] { await api.ListAsync(), await api.ListAsync() };
        emulator.Time.Advance(TimeSpan.FromSeconds(30));
        var third = await api.ListAsync();
        var limited = await api.ListAsync();
        var otherAccount = await other.ListAsync();
        emulator.Time.Advance(TimeSpan.FromSeconds(30));
        // The two calls at 0 s left the window at 60 s; the refused call at 30 s never entered it.
        var freed = new[] { await api.ListAsync(), await api.ListAsync() };
        var limitedAgain = await api.ListAsync();

        Assert.All(atStart.Concat(freed).Append(third).Append(otherAccount), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        limited.AssertGoogleError(status, $$$"""
            {"error":{"errors":[{"domain":"usageLimits","reason":"{{{reason}}}","message":"{{{message}}}"}],"code":{{{configured}}},"message":"{{{message}}}"}}
            """);
        Assert.Equal("30", limited.Headers.RetryAfter!.ToString());
        Assert.Equal(status, limitedAgain.Status);
        Assert.Equal("30", limitedAgain.Headers.RetryAfter!.ToString());
    }

    [Fact]
    public async Task Google_default_quota_admits_a_burst_of_600_reads_a_minute_and_refuses_the_601st()
    {
        await using var emulator = await EmulatorSession.StartAsync();
        var api = await emulator.ApiAsync();

        var burst = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => api.ListAsync()));
        var rest = new List<ApiResponse>();
        for (var i = 40; i < 600; i++)
        {
            rest.Add(await api.ListAsync());
        }

        emulator.Time.Advance(TimeSpan.FromSeconds(59));
        var over = await api.ListAsync();
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var afterTheMinute = await api.ListAsync();

        Assert.All(burst.Concat(rest), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        over.AssertGoogleError(HttpStatusCode.Forbidden, OverUserQuota);
        Assert.Equal("1", over.Headers.RetryAfter!.ToString());
        Assert.Equal(HttpStatusCode.OK, afterTheMinute.Status);
    }

    [Theory]
    [InlineData(403, HttpStatusCode.Forbidden)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    public async Task Requests_over_the_per_project_quota_fail_for_every_user_of_the_project(int configured, HttpStatusCode status)
    {
        await using var emulator = await EmulatorSession.StartAsync(o =>
        {
            o.RequestsPerProjectPerMinute = 4;
            o.RateLimitStatusCode = configured;
        });
        var alice = await emulator.ApiAsync("alice@example.com");
        var bob = await emulator.ApiAsync("bob@example.com");
        var carol = await emulator.ApiAsync("carol@example.com");

        var admitted = new[] { await alice.ListAsync(), await alice.ListAsync(), await bob.ListAsync() };
        emulator.Time.Advance(TimeSpan.FromSeconds(20));
        admitted = [.. admitted, await bob.ListAsync()];
        var refused = await carol.ListAsync();
        emulator.Time.Advance(TimeSpan.FromSeconds(40));
        var afterTheMinute = await carol.ListAsync();

        Assert.All(admitted, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        refused.AssertGoogleError(status, $$$"""
            {"error":{"errors":[{"domain":"usageLimits","reason":"rateLimitExceeded","message":"Rate Limit Exceeded"}],"code":{{{configured}}},"message":"Rate Limit Exceeded"}}
            """);
        Assert.Equal("40", refused.Headers.RetryAfter!.ToString());
        Assert.Equal(HttpStatusCode.OK, afterTheMinute.Status);
    }
}

public sealed class FaultInjectionTests : CalendarApiTestBase
{
    [Theory]
    [InlineData(500, "global", "backendError", "Backend Error")]
    [InlineData(503, "global", "backendError", "Service Unavailable")]
    [InlineData(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded")]
    [InlineData(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded")]
    [InlineData(401, "global", "authError", "Invalid Credentials")]
    public async Task Counted_fault_fails_exactly_the_next_n_matching_requests_in_google_shape(int status, string domain, string reason, string message)
    {
        await Emulator.Admin.InjectFaultAsync(new FaultRule(Count: 2, Status: status, Method: "POST", PathContains: "/events", RetryAfterSeconds: 7));

        var unmatched = await Api.ListAsync();
        var failed1 = await Api.InsertAsync(Events.Timed("a"));
        var failed2 = await Api.InsertAsync(Events.Timed("b"));
        var passed = await Api.InsertAsync(Events.Timed("c"));

        Assert.Equal(HttpStatusCode.OK, unmatched.Status);
        foreach (var failed in new[] { failed1, failed2 })
        {
            failed.AssertGoogleError((HttpStatusCode)status, $$$"""
                {"error":{"errors":[{"domain":"{{{domain}}}","reason":"{{{reason}}}","message":"{{{message}}}"}],"code":{{{status}}},"message":"{{{message}}}"}}
                """);
            Assert.Equal("7", failed.Headers.RetryAfter!.ToString());
        }

        Assert.Equal(HttpStatusCode.OK, passed.Status);
        Assert.Single((await Api.ListAsync()).Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task Lost_response_commits_the_write_while_the_client_times_out()
    {
        await Emulator.Admin.LoseResponsesAsync(new LostResponseRule(Count: 1, DelayMilliseconds: 60_000, Method: "POST", PathContains: "/events"));
        using var impatient = Emulator.NewClient();
        impatient.DefaultRequestHeaders.Authorization = Api.Http.DefaultRequestHeaders.Authorization;
        using var giveUp = new CancellationTokenSource();

        var insert = impatient.PostAsJsonAsync(
            "calendar/v3/calendars/primary/events", new { id = "lostresponse01", summary = "Rent", start = new { date = "2026-12-01" }, end = new { date = "2026-12-02" } },
            giveUp.Token);

        // The client gives up only once the write is visible while its answer is still held back: the interleaving is
        // fixed by what the emulator has done, not by how fast a loaded machine reached the handler.
        var stored = await Api.GetAsync("lostresponse01");
        for (var attempt = 0; stored.Status != HttpStatusCode.OK && attempt < 200; attempt++)
        {
            Assert.False(insert.IsCompleted, "the insert's answer came back instead of being held");
            await Task.Delay(50);
            stored = await Api.GetAsync("lostresponse01");
        }

        Assert.Equal(HttpStatusCode.OK, stored.Status);
        Assert.False(insert.IsCompleted);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => insert);

        Assert.Equal(409, (int)(await Api.InsertAsync(new { id = "lostresponse01", start = new { date = "2026-12-01" }, end = new { date = "2026-12-02" } })).Status);
        Assert.Equal(2, (await Emulator.Admin.GetRequestCountsAsync())["events.insert"]);
    }

    [Fact]
    public async Task Fault_with_explicit_reason_uses_that_reason()
    {
        await Emulator.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 403, Reason: "userRateLimitExceeded"));

        (await Api.ListAsync()).AssertGoogleError(HttpStatusCode.Forbidden, """
            {"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded","message":"User Rate Limit Exceeded"}],"code":403,"message":"User Rate Limit Exceeded"}}
            """);
    }

    [Fact]
    public async Task Fault_can_target_the_oauth_token_endpoint()
    {
        var tokens = await Emulator.Admin.IssueTokensAsync(EmulatorSession.Email);
        await Emulator.Admin.InjectFaultAsync(new FaultRule(Count: 1, Status: 500, PathContains: "/token"));
        var flow = new OAuth.OAuthFlow(Emulator.Http);

        var (failedStatus, _) = await flow.RefreshAsync(tokens.RefreshToken!);
        var (status, _) = await flow.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.InternalServerError, failedStatus);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Random_faults_are_reproducible_from_the_seed_and_clearable()
    {
        async Task<List<HttpStatusCode>> RunAsync()
        {
            await Emulator.Admin.SetRandomFaultsAsync(new RandomFaultRule(Rate: 0.5, Seed: 1234, Status: 503));
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 20; i++)
            {
                statuses.Add((await Api.ListAsync()).Status);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();
        await Emulator.Admin.ClearFaultsAsync();
        var cleared = await Api.ListAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, cleared.Status);
    }

    [Fact]
    public async Task Latency_holds_requests_untilEmulator_time_passes()
    {
        await Emulator.Admin.SetLatencyAsync(TimeSpan.FromSeconds(2));

        var pending = Api.ListAsync();
        var due = await Emulator.Time.NextTimerAsync();
        Assert.False(pending.IsCompleted);
        Emulator.Time.Advance(due);

        Assert.Equal(HttpStatusCode.OK, (await pending).Status);
        Assert.Equal(TimeSpan.FromSeconds(2), due);
    }

    [Fact]
    public async Task Request_log_counts_api_calls_per_operation_but_not_admin_calls()
    {
        await Emulator.Admin.ClearRequestsAsync();
        var inserted = await Api.InsertAsync(Events.Timed("a"));
        await Api.InsertAsync(Events.Timed("b"));
        await Api.PatchAsync(inserted.Id, new { summary = "c" });
        await Api.ListAsync();
        await Api.GetAsync("missing");
        await Emulator.Admin.CreateAccountAsync("someone@example.com");

        var counts = await Emulator.Admin.GetRequestCountsAsync();
        var log = await Emulator.Admin.GetRequestsAsync();

        Assert.Equal(new Dictionary<string, int> { ["events.get"] = 1, ["events.insert"] = 2, ["events.list"] = 1, ["events.patch"] = 1 }, counts);
        var notFound = log.Single(e => e.Operation == "events.get");
        Assert.Equal(404, notFound.Status);
        Assert.Equal("GET", notFound.Method);
        Assert.Equal("/calendar/v3/calendars/primary/events/missing", notFound.Path);
        Assert.Equal(EmulatorSession.Email, notFound.Account);
        Assert.Equal("2026-11-30T10:00:00.000Z", notFound.At);
    }

    [Fact]
    public async Task Reset_forgets_events_tokens_and_log()
    {
        await Api.InsertAsync(Events.Timed("a"));

        await Emulator.Admin.ResetAsync();
        var rejected = await Api.ListAsync();
        var fresh = await (await Emulator.ApiAsync()).ListAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Empty(fresh.Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_inserts_on_one_account_all_succeed_with_distinct_etags_and_one_sync()
    {
        var (_, syncToken, _) = await Api.ListAllAsync("maxResults=10");

        var inserts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Api.InsertAsync(Events.Timed($"parallel {i}"))));
        var (changes, _, _) = await Api.ListAllAsync($"maxResults=7&syncToken={Uri.EscapeDataString(syncToken)}");

        Assert.All(inserts, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(40, inserts.Select(r => r.Etag).Distinct().Count());
        Assert.Equal(inserts.Select(r => r.Id).Order(StringComparer.Ordinal), changes.Select(c => (string)c["id"]!).Order(StringComparer.Ordinal));
    }
}
