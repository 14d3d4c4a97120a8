using System.Net;
using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Feeds;

public sealed class CalendarFeedRateLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private TestServerHost _server = null!;

    public async Task InitializeAsync() => _server = await TestServerHost.StartAsync(new TestServerOptions
    {
        Settings = { ["CalendarFeed:RequestsPerMinutePerClient"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Requests_past_the_per_address_limit_get_429_with_retry_after_whether_the_token_exists_or_not()
    {
        var user = await _server.CreateUserAsync("limited@example.com");
        var url = (string)(await (await user.Client.PostAsync("api/feed", null)).ReadJsonAsync(201))["url"]!;
        using var app = _server.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync("feeds/guess1.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync("feeds/guess2.ics")).StatusCode);
        var refused = await app.GetAsync(url);
        var guess = await app.GetAsync("feeds/guess3.ics");

        foreach (var response in new[] { refused, guess })
        {
            await response.AssertProblemAsync(429);
            var retryAfter = response.Headers.RetryAfter!.Delta!.Value;
            Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        }

        // The signed-in API is not behind the feed's limit.
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("api/feed")).StatusCode);
    }
}
