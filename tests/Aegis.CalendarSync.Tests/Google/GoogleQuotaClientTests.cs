namespace Aegis.CalendarSync.Tests.Google;

/// <summary>The client's pipeline with the quota limiter in it (budgets in process, real clock).</summary>
public sealed class GoogleQuotaClientTests
{
    [Fact]
    public async Task Client_requests_beyond_the_burst_wait_for_their_budget_instead_of_failing()
    {
        // A burst of 2, then one call per 50 ms (1,202 − 2 = 1,200 per minute).
        await using var harness = await GoogleClientHarness.StartAsync(
            (ctx, _) => GoogleResponses.Json(ctx, GoogleResponses.Event("abcde12345")),
            new Dictionary<string, string?> { ["Google:RequestsPerUserPerMinute"] = "1202", ["Google:BurstCalls"] = "2" });

        var calls = Enumerable.Range(0, 5)
            .Select(_ => harness.Client.GetEventAsync(harness.Account, "primary", "abcde12345", CancellationToken.None))
            .ToList();
        var events = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(events, e => Assert.Equal("abcde12345", e.Id));
        Assert.Equal(5, harness.Server.Requests.Count);
    }
}
