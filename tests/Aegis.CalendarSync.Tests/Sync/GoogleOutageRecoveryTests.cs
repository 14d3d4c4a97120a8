using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Application.Sync;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Queue;
using GoogleCalendarEmulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Sync;

/// <summary>Issue 9, automatic recovery: a one-minute Google outage (every emulator call answers 503) while a bill is
/// pushed. The item runs through its quick retries into the first slow retry, reads "will retry at …" (not failed)
/// in the queue list and the notices, and completes by itself once Google is back, with no one clicking Retry. The
/// wallet's clock is a stopped <see cref="TestClock"/> moved to each due time; Google's own HTTP retries are off, so
/// every queue attempt is one call. Subclassed once per engine.</summary>
public abstract class GoogleOutageRecoveryTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Bill_pushed_during_a_one_minute_outage_reaches_google_by_itself_after_a_slow_retry()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            Clock = clock,
            Settings = { ["Google:MaxRetryAttempts"] = "0" },
        });
        await h.ConnectAsync();
        var sync = h.Services.GetRequiredService<SyncCommands>();
        var dashboard = h.Services.GetRequiredService<IDashboardReader>();
        var outageEnds = clock.GetUtcNow().AddMinutes(1);
        await h.Admin.SetRandomFaultsAsync(new RandomFaultRule(Rate: 1.0, Seed: 9, Status: 503));

        var bill = await h.CreateEventAsync("Electricity", amount: 84.20m);
        Assert.Equal(1, await h.DrainQueueAsync());
        for (var retry = 1; retry <= 3; retry++)
        {
            var quick = Assert.Single(await h.Queue.ListAsync(h.UserId, QueueStatus.Pending, 10, Ct));
            Assert.Equal(retry, quick.RetryCount);
            Assert.True(quick.NextAttemptAt < outageEnds, "quick retries fall inside the outage");
            clock.SetUtcNow(quick.NextAttemptAt);
            Assert.Equal(1, await h.DrainQueueAsync());
        }

        var waiting = Assert.Single(await h.Queue.ListAsync(h.UserId, QueueStatus.Pending, 10, Ct));
        Assert.Equal(4, waiting.RetryCount);
        Assert.True(h.Services.GetRequiredService<RetryPolicy>().InSlowTier(waiting.RetryCount));
        Assert.InRange(waiting.NextAttemptAt - clock.GetUtcNow(), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
        Assert.Empty(await h.Queue.ListAsync(h.UserId, QueueStatus.Failed, 10, Ct));

        var entry = Assert.Single(await sync.ListQueueAsync(h.UserId, null, 10, Ct), e => e.Item.Id == waiting.Id);
        Assert.Equal("Electricity", entry.EventTitle);
        Assert.Equal(waiting.NextAttemptAt, entry.WillRetryAt);
        Assert.StartsWith("Will retry at ", entry.StateText);
        Assert.Equal(FailureCause.GoogleUnavailable, entry.Reason!.Cause);
        var notices = await dashboard.ReadNoticesAsync(h.UserId, Ct);
        Assert.Equal((0L, 1L, waiting.NextAttemptAt), (notices.DeadLetters, notices.RetryingLater, notices.NextRetryAt));

        // Google is back after one minute; nothing happens until the slow retry is due, then it just works.
        clock.SetUtcNow(outageEnds);
        await h.Admin.ClearFaultsAsync();
        Assert.Equal(0, await h.DrainQueueAsync());
        clock.SetUtcNow(waiting.NextAttemptAt);
        Assert.Equal(1, await h.DrainQueueAsync());

        var remote = await h.GetRemoteAsync(bill.Id);
        Assert.Contains("Electricity", remote.Summary);
        var done = Assert.Single(await h.Queue.ListAsync(h.UserId, null, 10, Ct), i => i.Id == waiting.Id);
        Assert.Equal(QueueStatus.Completed, done.Status);
        Assert.Equal(AttentionNotices.None, await dashboard.ReadNoticesAsync(h.UserId, Ct));
    }
}

public sealed class SqliteGoogleOutageRecoveryTests(SqliteTestDatabase database) : GoogleOutageRecoveryTests<SqliteTestDatabase>(database);

public sealed class PostgresGoogleOutageRecoveryTests(PostgresTestDatabase database) : GoogleOutageRecoveryTests<PostgresTestDatabase>(database);
