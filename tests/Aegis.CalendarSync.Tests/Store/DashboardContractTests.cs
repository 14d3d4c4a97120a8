using Aegis.CalendarSync.Application.Dashboard;
using Aegis.CalendarSync.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>The per-user dashboard read from the store (<see cref="DashboardQueries"/> over
/// <see cref="IDashboardReader"/>): outcomes per bucket, propagation percentiles and the sync state, each user's own;
/// subclassed once per engine.</summary>
public abstract class DashboardContractTests<TDatabase>(TDatabase database) : StoreTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private DashboardQueries Queries => new(Services.GetRequiredService<IDashboardReader>(), Time);

    [Fact]
    public async Task Day_window_counts_successes_failures_and_conflicts_per_hour_for_that_user_only()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        Time.Advance(TimeSpan.FromMinutes(30)); // now 10:30, the window is 11:00 yesterday to 11:00 today
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, Start.AddMinutes(5));
        await AuditAsync(userId, AuditAction.SyncFromGoogle, AuditOutcome.Success, Start.AddMinutes(20));
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Failed, Start.AddMinutes(25));
        await AuditAsync(userId, AuditAction.Conflict, AuditOutcome.Conflict, Start.AddHours(-3));
        await AuditAsync(userId, AuditAction.DeleteFromGoogle, AuditOutcome.Success, Start.AddHours(-23)); // 11:00 yesterday: first bucket
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, Start.AddHours(-23).AddTicks(-10)); // before the window
        await AuditAsync(userId, AuditAction.SyncFromGoogle, AuditOutcome.Skipped, Start.AddMinutes(1)); // an echo: not an outcome
        await AuditAsync(userId, AuditAction.IncrementalSync, AuditOutcome.Success, Start.AddMinutes(2)); // a check, not a change
        await AuditAsync(userId, AuditAction.SignIn, AuditOutcome.Failed, Start.AddMinutes(3)); // not the sync's failure
        await AuditAsync(userId, AuditAction.ChannelRenewed, AuditOutcome.Failed, Start.AddHours(-3));
        await AuditAsync(other, AuditAction.SyncToGoogle, AuditOutcome.Failed, Start.AddMinutes(5));

        var dashboard = await Queries.ReadAsync(userId, DashboardWindow.Day, Ct);

        Assert.Equal((Start.AddHours(-23), Start.AddHours(1), TimeSpan.FromHours(1)), (dashboard.From, dashboard.To, dashboard.BucketLength));
        Assert.Equal(24, dashboard.Buckets.Count);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => Start.AddHours(i - 23)), dashboard.Buckets.Select(b => b.Start));
        Assert.Equal(new ActivityBucket(Start.AddHours(-23), 1, 0, 0), dashboard.Buckets[0]);
        Assert.Equal(new ActivityBucket(Start.AddHours(-3), 0, 1, 1), dashboard.Buckets[20]);
        Assert.Equal(new ActivityBucket(Start, 2, 1, 0), dashboard.Buckets[23]);
        Assert.Equal((3L, 2L, 1L), (dashboard.Successes, dashboard.Failures, dashboard.Conflicts));
        Assert.Equal(21, dashboard.Buckets.Count(b => b.Total == 0));

        var theirs = await Queries.ReadAsync(other, DashboardWindow.Day, Ct);
        Assert.Equal((0L, 1L, 0L), (theirs.Successes, theirs.Failures, theirs.Conflicts));
    }

    [Fact]
    public async Task Week_and_month_windows_sum_whole_utc_days_up_to_today()
    {
        var userId = await NewUserAsync();
        var today = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, today.AddHours(1));
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, today.AddHours(9));
        await AuditAsync(userId, AuditAction.SyncFromGoogle, AuditOutcome.Failed, today.AddDays(-6).AddHours(23));
        await AuditAsync(userId, AuditAction.Conflict, AuditOutcome.Conflict, today.AddDays(-7).AddHours(12)); // week: out; month: in
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, today.AddDays(-29));
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, today.AddDays(-30)); // out of both

        var week = await Queries.ReadAsync(userId, DashboardWindow.Week, Ct);
        var month = await Queries.ReadAsync(userId, DashboardWindow.Month, Ct);

        Assert.Equal((today.AddDays(-6), today.AddDays(1), 7), (week.From, week.To, week.Buckets.Count));
        Assert.Equal(new ActivityBucket(today, 2, 0, 0), week.Buckets[^1]);
        Assert.Equal(new ActivityBucket(today.AddDays(-6), 0, 1, 0), week.Buckets[0]);
        Assert.Equal((2L, 1L, 0L), (week.Successes, week.Failures, week.Conflicts));
        Assert.Equal((today.AddDays(-29), 30), (month.From, month.Buckets.Count));
        Assert.Equal(new ActivityBucket(today.AddDays(-29), 1, 0, 0), month.Buckets[0]);
        Assert.Equal(new ActivityBucket(today.AddDays(-7), 0, 0, 1), month.Buckets[22]);
        Assert.Equal((3L, 1L, 1L), (month.Successes, month.Failures, month.Conflicts));
    }

    [Fact]
    public async Task Propagation_is_the_median_and_95th_percentile_per_direction_of_the_window()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        // 1..20 seconds to Google (median 10 s, p95 19 s by nearest rank), in shuffled order.
        foreach (var seconds in new[] { 7, 3, 20, 1, 15, 9, 12, 18, 2, 11, 5, 14, 19, 4, 16, 8, 13, 6, 17, 10 })
        {
            await AuditAsync(userId, seconds % 2 == 0 ? AuditAction.SyncToGoogle : AuditAction.DeleteInGoogle, AuditOutcome.Success,
                Start.AddMinutes(-seconds), propagationMs: seconds * 1000);
        }
        await AuditAsync(userId, AuditAction.SyncFromGoogle, AuditOutcome.Success, Start.AddMinutes(-1), propagationMs: 900);
        await AuditAsync(userId, AuditAction.SyncFromGoogle, AuditOutcome.Success, Start.AddMinutes(-2), propagationMs: 2500);
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, Start.AddDays(-2), propagationMs: 999_000); // outside 24 h
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Failed, Start.AddMinutes(-1), propagationMs: 888_000); // not delivered
        await AuditAsync(other, AuditAction.SyncToGoogle, AuditOutcome.Success, Start.AddMinutes(-1), propagationMs: 777_000);

        var day = await Queries.ReadAsync(userId, DashboardWindow.Day, Ct);
        var week = await Queries.ReadAsync(userId, DashboardWindow.Week, Ct);

        Assert.Equal(new PropagationFigures(20, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(19)), day.ToGoogle);
        Assert.Equal(new PropagationFigures(2, TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(2500)), day.FromGoogle);
        Assert.Equal(new PropagationFigures(21, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(20)), week.ToGoogle);
        Assert.Equal(PropagationFigures.None, (await Queries.ReadAsync(Guid.NewGuid(), DashboardWindow.Month, Ct)).ToGoogle);
    }

    [Fact]
    public async Task Health_reports_the_users_queue_dead_letters_channel_expiry_and_last_synced_change()
    {
        var userId = await NewUserAsync();
        var other = await NewUserAsync();
        Assert.Equal(SyncHealth.None, (await Queries.ReadAsync(Guid.NewGuid(), DashboardWindow.Day, Ct)).Health);
        var expiry = Start.AddDays(5);
        await Settings.UpsertAsync(new CalendarSyncSettings
        {
            UserId = userId, Enabled = true, EncryptedRefreshToken = "sealed", ChannelExpiryAt = expiry,
        }, Ct);
        await InsertEventAsync(userId, "Rent"); // pending upsert at Start
        Time.Advance(TimeSpan.FromMinutes(1));
        await InsertEventAsync(userId, "Gym");
        await Queue.EnqueueFromGoogleAsync(userId, QueueAction.IncrementalSync, Ct);
        await Queue.EnqueueFromGoogleAsync(other, QueueAction.IncrementalSync, Ct);
        var claimed = await ClaimEveryUsersWorkAsync();
        var ofUser = claimed.Where(i => i.UserId == userId).ToList();
        Assert.True(await Queue.RetryAsync(ofUser[0].Id, ofUser[0].LeaseId!.Value, Start, "boom", deadLetter: true, Ct));
        Assert.NotEmpty(ofUser);
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, Start.AddMinutes(-5));
        await AuditAsync(userId, AuditAction.IncrementalSync, AuditOutcome.Success, Start); // not a change

        var health = (await Queries.ReadAsync(userId, DashboardWindow.Day, Ct)).Health;

        var waiting = await QueueOfAsync(userId, QueueStatus.Pending);
        Assert.Equal(3 - ofUser.Count, waiting.Count);
        Assert.Equal(new SyncHealth(waiting.Count, ofUser.Count - 1, 1, waiting.Count == 0 ? null : waiting.Min(i => i.CreatedAt),
            true, true, null, expiry, Start.AddMinutes(-5)), health);
        var theirs = (await Queries.ReadAsync(other, DashboardWindow.Day, Ct)).Health;
        Assert.Equal((0L, 1L, 0L, false, null), (theirs.Pending, theirs.Processing, theirs.DeadLetters, theirs.Connected, theirs.LastChangeSyncedAt));
    }

    [Fact]
    public async Task Figures_come_from_the_store_so_a_restarted_host_reads_the_same()
    {
        var userId = await NewUserAsync();
        await AuditAsync(userId, AuditAction.SyncToGoogle, AuditOutcome.Success, Start.AddMinutes(-10), propagationMs: 1200);
        await AuditAsync(userId, AuditAction.Conflict, AuditOutcome.Conflict, Start.AddMinutes(-9));
        var before = await Queries.ReadAsync(userId, DashboardWindow.Day, Ct);

        await using var restarted = Database.BuildServices(Time);
        var after = await new DashboardQueries(restarted.GetRequiredService<IDashboardReader>(), Time).ReadAsync(userId, DashboardWindow.Day, Ct);

        Assert.Equal((1L, 0L, 1L), (after.Successes, after.Failures, after.Conflicts));
        Assert.Equal(before.Buckets, after.Buckets);
        Assert.Equal(new PropagationFigures(1, TimeSpan.FromMilliseconds(1200), TimeSpan.FromMilliseconds(1200)), after.ToGoogle);
    }

    private Task AuditAsync(Guid userId, AuditAction action, AuditOutcome outcome, DateTimeOffset at, long? propagationMs = null) =>
        Audit.AppendAsync(AuditEntry.Of(userId, action, outcome) with { CreatedAt = at, PropagationMs = propagationMs }, Ct);
}

public sealed class SqliteDashboardTests(SqliteTestDatabase database) : DashboardContractTests<SqliteTestDatabase>(database);

public sealed class PostgresDashboardTests(PostgresTestDatabase database) : DashboardContractTests<PostgresTestDatabase>(database);
