using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Testing.Clock;
using Aegis.CalendarSync.Testing.Databases;
using Aegis.CalendarSync.Testing.Engine;
using Aegis.CalendarSync.Testing.Polling;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>A user's group of changes larger than the rate burst, on PostgreSQL's shared budget (the multi-node path)
/// and one fake clock for the engine and Google: the group goes as requests of at most the burst, each sent only when
/// the budget has room for all its calls, so the request log shows the exact slots.</summary>
public sealed class BatchPacingTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private const int Burst = 10;
    private const int Changes = 25;

    [Fact]
    public async Task A_group_of_25_changes_with_a_burst_of_10_goes_as_requests_of_10_10_and_5_calls_at_0_1_and_1_5_seconds()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var clock = new TestClock(start);
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            SharedClock = clock,
            Settings =
            {
                ["Queue:BatchSize"] = "50",
                // (610 − 10) calls per minute after a burst of 10: one call per 100 ms.
                ["Google:RequestsPerUserPerMinute"] = "610",
                ["Google:BurstCalls"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        await h.ConnectAsync();
        // The connection's calls are long paid for: the budget is full again.
        clock.Advance(TimeSpan.FromSeconds(10));
        await h.Admin.ClearRequestsAsync();
        for (var i = 0; i < Changes; i++) await h.CreateEventAsync($"Bill {i}", amount: 10 + i);
        var sent = clock.GetUtcNow();

        var drain = h.DrainQueueAsync();

        // The first request takes the whole burst; the second waits one second until its user's budget has room for
        // its ten calls (the clock is stopped, so it cannot have gone out yet).
        await Eventually.TrueAsync(async () => await BatchesAsync(h) == 1, "the first batch request");
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await BatchesAsync(h));
        Assert.False(drain.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => await BatchesAsync(h) == 2, "the second batch request");
        // The last five calls need half a second's budget.
        await clock.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, await BatchesAsync(h));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(Changes, await drain);

        var inserts = (await h.Admin.GetRequestsAsync()).Where(r => r.Operation == "events.insert").ToList();
        Assert.All(inserts, r => Assert.True(r.InBatch && r.Status == 200, $"{r.Path} {r.Status}"));
        var slots = inserts.GroupBy(r => DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture) - sent)
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        Assert.Equal([(TimeSpan.Zero, 10), (TimeSpan.FromSeconds(1), 10), (TimeSpan.FromSeconds(1.5), 5)], slots);
        Assert.Empty(await h.Queue.ListAsync(h.UserId, QueueStatus.Pending, 10, CancellationToken.None));
    }

    private static async Task<int> BatchesAsync(SyncHarness h) =>
        (await h.Admin.GetRequestsAsync()).Count(r => r.Operation == "batch");
}
