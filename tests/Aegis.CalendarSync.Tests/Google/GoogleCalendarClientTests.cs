using System.Net;
using System.Text.Json;
using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Tests.Google;

public sealed class GoogleCalendarClientTests
{
    private static readonly Dictionary<string, string?> NoRetries = new() { ["Google:MaxRetryAttempts"] = "0" };

    public static TheoryData<int, string, string, Type> ErrorCases => new()
    {
        { 400, "global", "badRequest", typeof(BadRequestException) },
        { 403, "global", "forbidden", typeof(ForbiddenException) },
        { 403, "usageLimits", "userRateLimitExceeded", typeof(RateLimitedException) },
        { 403, "usageLimits", "rateLimitExceeded", typeof(RateLimitedException) },
        { 404, "global", "notFound", typeof(NotFoundException) },
        { 409, "global", "duplicate", typeof(DuplicateException) },
        { 410, "calendar", "fullSyncRequired", typeof(FullSyncRequiredException) },
        { 410, "global", "deleted", typeof(ResourceDeletedException) },
        { 412, "global", "conditionNotMet", typeof(PreconditionFailedException) },
        { 429, "usageLimits", "rateLimitExceeded", typeof(RateLimitedException) },
        { 500, "global", "backendError", typeof(BackendException) },
        { 503, "global", "backendError", typeof(BackendException) },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task Error_responses_map_to_typed_exceptions_by_status_and_reason(int status, string domain, string reason, Type expected)
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Error(ctx, status, domain, reason, "Google says no"), NoRetries);

        var ex = await Assert.ThrowsAnyAsync<GoogleApiException>(() => harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None));

        Assert.IsType(expected, ex);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal("Google says no", ex.Message);
    }

    [Fact]
    public void Permanent_and_retry_after_markers_are_set_for_the_queue()
    {
        Assert.IsAssignableFrom<IPermanentFailure>(GoogleErrorClassifier.Create(HttpStatusCode.NotFound, "notFound", "x", null));
        Assert.IsAssignableFrom<IPermanentFailure>(GoogleErrorClassifier.Create(HttpStatusCode.BadRequest, "badRequest", "x", null));
        Assert.IsAssignableFrom<IPermanentFailure>(new InvalidGrantException("revoked"));
        Assert.IsNotAssignableFrom<IPermanentFailure>(GoogleErrorClassifier.Create(HttpStatusCode.InternalServerError, "backendError", "x", null));
        Assert.IsNotAssignableFrom<IPermanentFailure>(GoogleErrorClassifier.Create(HttpStatusCode.Gone, "fullSyncRequired", "x", null));
        var rateLimited = Assert.IsAssignableFrom<IHasRetryAfter>(GoogleErrorClassifier.Create(HttpStatusCode.TooManyRequests, "rateLimitExceeded", "x", TimeSpan.FromSeconds(9)));
        Assert.Equal(TimeSpan.FromSeconds(9), rateLimited.RetryAfter);
    }

    [Fact]
    public async Task Rate_limited_exception_carries_retry_after_when_retries_are_exhausted()
    {
        await using var harness = await GoogleClientHarness.StartAsync(
            (ctx, _) =>
            {
                ctx.Response.Headers.RetryAfter = "42";
                return GoogleResponses.Error(ctx, 429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
            },
            NoRetries);

        var ex = await Assert.ThrowsAsync<RateLimitedException>(() => harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(42), ex.RetryAfter);
    }

    [Fact]
    public async Task Unauthorized_refreshes_the_token_once_and_retries_the_request_once()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) => req.Path switch
        {
            "/token" => GoogleResponses.Token(ctx, "access-2"),
            _ when req.Header("Authorization") == "Bearer access-2" => GoogleResponses.Json(ctx, GoogleResponses.Event("abcde12345")),
            _ => GoogleResponses.Error(ctx, 401, "global", "authError", "Invalid Credentials"),
        });

        var ev = await harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None);

        Assert.Equal("abcde12345", ev.Id);
        Assert.Equal(
            [
                ("GET", "/calendar/v3/calendars/primary/events/abcde12345", "Bearer access-1"),
                ("POST", "/token", null),
                ("GET", "/calendar/v3/calendars/primary/events/abcde12345", "Bearer access-2"),
            ],
            harness.Server.Requests.Select(r => (r.Method, r.Path, r.Header("Authorization"))));
        var refresh = harness.Server.RequestsTo("/token").Single();
        Assert.Contains("grant_type=refresh_token", refresh.Body, StringComparison.Ordinal);
        Assert.Contains("refresh_token=refresh-1", refresh.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_twice_throws_auth_error_after_a_single_refresh()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) => req.Path == "/token"
            ? GoogleResponses.Token(ctx, "access-2")
            : GoogleResponses.Error(ctx, 401, "global", "authError", "Invalid Credentials"));

        await Assert.ThrowsAsync<AuthErrorException>(() => harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None));

        Assert.Equal(2, harness.Server.RequestsTo("/calendar/").Count);
        Assert.Single(harness.Server.RequestsTo("/token"));
    }

    [Fact]
    public async Task Revoked_refresh_token_surfaces_as_permanent_invalid_grant()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) => req.Path == "/token"
            ? GoogleResponses.Json(ctx, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""", 400)
            : GoogleResponses.Error(ctx, 401, "global", "authError", "Invalid Credentials"));

        var ex = await Assert.ThrowsAsync<InvalidGrantException>(() => harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None));

        Assert.Equal("Token has been expired or revoked.", ex.Message);
        Assert.IsAssignableFrom<IPermanentFailure>(ex);
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after_then_succeeds()
    {
        var time = new TestClock(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var attempts = 0;
        await using var harness = await GoogleClientHarness.StartAsync(
            (ctx, _) =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    ctx.Response.Headers.RetryAfter = "7";
                    return GoogleResponses.Error(ctx, 429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded");
                }

                return GoogleResponses.Json(ctx, GoogleResponses.Event("abcde12345"));
            },
            time: time);

        var call = harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None);
        var retryDelay = await time.WaitForTimerAsync(TimeSpan.FromSeconds(7)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(call.IsCompleted);
        Assert.Single(harness.Server.Requests);
        time.Advance(retryDelay);
        var ev = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("abcde12345", ev.Id);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Forbidden_with_rate_limit_reason_is_retried_but_plain_forbidden_is_not()
    {
        var attempts = 0;
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) =>
        {
            if (req.Path.EndsWith("/denied", StringComparison.Ordinal))
            {
                return GoogleResponses.Error(ctx, 403, "global", "forbidden", "Forbidden");
            }

            return Interlocked.Increment(ref attempts) == 1
                ? GoogleResponses.Error(ctx, 403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded")
                : GoogleResponses.Json(ctx, GoogleResponses.Event("abcde12345"));
        });

        var ev = await harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None);
        await Assert.ThrowsAsync<ForbiddenException>(() => harness.Client.GetEventAsync(harness.Account, "primary", "denied", CancellationToken.None));

        Assert.Equal("abcde12345", ev.Id);
        Assert.Equal(2, attempts);
        Assert.Single(harness.Server.Requests, r => r.Path.EndsWith("/denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_the_same_body_until_success()
    {
        var attempts = 0;
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) => Interlocked.Increment(ref attempts) < 3
            ? GoogleResponses.Error(ctx, 503, "global", "backendError", "Backend Error")
            : GoogleResponses.Json(ctx, req.Body));

        var created = await harness.Client.InsertEventAsync(harness.Account, "primary", new GoogleEvent { Id = "abcde12345", Summary = "Rent" }, CancellationToken.None);

        Assert.Equal("Rent", created.Summary);
        Assert.Equal(3, harness.Server.Requests.Count);
        Assert.All(harness.Server.Requests, r => Assert.Equal("""{"id":"abcde12345","summary":"Rent"}""", r.Body));
    }

    [Fact]
    public async Task Update_sends_if_match_etag_verbatim_and_escapes_ids_in_the_path()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) => GoogleResponses.Json(ctx, GoogleResponses.Event("abcde12345")));

        await harness.Client.UpdateEventAsync(harness.Account, "me+bills@example.com", "abcde12345", new GoogleEvent { Summary = "Rent" }, "\"3181161784712000\"", CancellationToken.None);
        await harness.Client.DeleteEventAsync(harness.Account, "primary", "abcde12345", null, CancellationToken.None);

        var update = harness.Server.Requests[0];
        Assert.Equal("PUT", update.Method);
        Assert.Equal("/calendar/v3/calendars/me%2Bbills%40example.com/events/abcde12345", update.RawTarget);
        Assert.Equal("\"3181161784712000\"", update.Header("If-Match"));
        Assert.StartsWith("application/json", update.Header("Content-Type"), StringComparison.Ordinal);
        var delete = harness.Server.Requests[1];
        Assert.Equal("DELETE", delete.Method);
        Assert.Null(delete.Header("If-Match"));
    }

    [Fact]
    public async Task List_sends_google_query_parameters_and_reads_the_page()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx,
            """{"kind":"calendar#events","nextPageToken":"p2","items":[{"id":"abcde12345","status":"cancelled"}]}"""));

        var page = await harness.Client.ListEventsAsync(harness.Account, "primary", new ListEventsRequest
        {
            MaxResults = 50,
            ShowDeleted = true,
            TimeMin = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)),
            PrivateExtendedProperties = new Dictionary<string, string> { ["aegisType"] = "bill" },
        }, CancellationToken.None);

        var query = harness.Server.Requests.Single().Query;
        Assert.Equal("50", query["maxResults"]);
        Assert.Equal("true", query["showDeleted"]);
        Assert.Equal("2025-03-01T00:00:00.000+01:00", query["timeMin"]);
        Assert.Equal("aegisType=bill", query["privateExtendedProperty"]);
        Assert.Equal("p2", page.NextPageToken);
        Assert.Null(page.NextSyncToken);
        Assert.True(Assert.Single(page.Items).IsCancelled);
    }

    [Fact]
    public async Task List_with_an_expired_sync_token_throws_full_sync_required()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx,
            """{"error":{"errors":[{"domain":"calendar","reason":"fullSyncRequired","message":"Sync token is no longer valid, a full sync is required.","locationType":"parameter","location":"syncToken"}],"code":410,"message":"Sync token is no longer valid, a full sync is required."}}""", 410));

        await Assert.ThrowsAsync<FullSyncRequiredException>(() =>
            harness.Client.ListEventsAsync(harness.Account, "primary", new ListEventsRequest { SyncToken = "stale" }, CancellationToken.None));

        Assert.Equal("stale", harness.Server.Requests.Single().Query["syncToken"]);
    }

    [Fact]
    public async Task List_rejects_sync_token_with_forbidden_filters_before_calling_google()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx, "{}"));

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.ListEventsAsync(harness.Account, "primary",
            new ListEventsRequest { SyncToken = "t", TimeMin = DateTimeOffset.UnixEpoch }, CancellationToken.None));

        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Watch_posts_a_web_hook_channel_and_reads_string_encoded_expiration()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, req) => req.Path.EndsWith("/stop", StringComparison.Ordinal)
            ? Task.CompletedTask
            : GoogleResponses.Json(ctx, """{"kind":"api#channel","id":"chan-1","resourceId":"res-1","resourceUri":"https://x/calendar/v3/calendars/primary/events","token":"secret","expiration":"1741000000000"}"""));

        var channel = await harness.Client.WatchEventsAsync(harness.Account, "primary", new Channel
        {
            Id = "chan-1",
            Address = "https://aegis.example/api/webhooks/google-calendar",
            Token = "secret",
            Params = new Dictionary<string, string> { ["ttl"] = "604800" },
        }, CancellationToken.None);
        await harness.Client.StopChannelAsync(harness.Account, "chan-1", "res-1", CancellationToken.None);

        Assert.Equal("res-1", channel.ResourceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1741000000000), channel.ExpiresAt);
        using var watchBody = JsonDocument.Parse(harness.Server.Requests[0].Body);
        Assert.Equal("web_hook", watchBody.RootElement.GetProperty("type").GetString());
        Assert.Equal("604800", watchBody.RootElement.GetProperty("params").GetProperty("ttl").GetString());
        Assert.Equal("/calendar/v3/calendars/primary/events/watch", harness.Server.Requests[0].Path);
        Assert.Equal("/calendar/v3/channels/stop", harness.Server.Requests[1].Path);
        Assert.Equal("""{"id":"chan-1","resourceId":"res-1"}""", harness.Server.Requests[1].Body);
    }

    [Fact]
    public async Task Get_calendar_reads_the_time_zone()
    {
        await using var harness = await GoogleClientHarness.StartAsync((ctx, _) => GoogleResponses.Json(ctx,
            """{"kind":"calendar#calendar","id":"me@example.com","summary":"Me","timeZone":"Europe/Lisbon"}"""));

        var calendar = await harness.Client.GetCalendarAsync(harness.Account, "primary", CancellationToken.None);

        Assert.Equal("Europe/Lisbon", calendar.TimeZone);
        Assert.Equal("/calendar/v3/calendars/primary", harness.Server.Requests.Single().Path);
    }
}
