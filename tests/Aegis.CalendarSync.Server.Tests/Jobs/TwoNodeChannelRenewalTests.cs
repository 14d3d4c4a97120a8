using Aegis.CalendarSync.Server.Jobs;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Tests.Jobs;

/// <summary>Two server nodes on one PostgreSQL database and one Google: the scheduled renewal fires on both at the
/// same moment (the cron is the same everywhere) and each channel is renewed once, not once per node: the node that
/// finds the job held runs it after the other, and the renewal policy then finds nothing due.</summary>
public sealed class TwoNodeChannelRenewalTests : IAsyncLifetime
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(7.3);
    private readonly TestClock _time = new(DateTimeOffset.UtcNow);
    // Google's clock runs in real time (its pushes use real timers) and is moved on with the nodes', so the channels
    // it issues after the 6.5 days are not near expiry again.
    private readonly TestClock _googleTime = TestClock.SystemShiftedBy(TimeSpan.Zero);
    private PostgresTestDatabase _database = null!;
    private EmulatorHost _emulator = null!;
    private GoogleCalendarEmulator.Admin.EmulatorAdminClient _google = null!;
    private TestServerHost _first = null!;
    private TestServerHost _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true, TimeProvider = _googleTime });
        var shared = new Dictionary<string, string?>
        {
            ["TOKENS_ENCRYPTION_KEY"] = TestSecrets.EncryptionKey(),
            ["WEBHOOK_SECRET"] = TestSecrets.WebhookSecret(),
            ["Google:MaxRetryAttempts"] = "0",
            ["Server:ApiTokenLifetime"] = "30.00:00:00",
            ["Cluster:JobLeaseRetry"] = Retry.ToString(),
        };
        _first = await TestServerHost.StartAsync(new TestServerOptions { Time = _time, Database = _database, Emulator = _emulator, Settings = shared });
        _second = await TestServerHost.StartAsync(new TestServerOptions { Time = _time, Database = _database, Emulator = _emulator, Settings = shared });
        _google = _first.EmulatorAdmin;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _emulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_scheduled_run_on_two_nodes_at_once_renews_each_users_channel_once()
    {
        // Two wallet users who consented with the same Google account: each holds a live refresh token of its own
        // (Google keeps up to 100 per account and client), so both renewals can call Google.
        var users = new[] { await _first.CreateUserAsync("renew@example.com"), await _second.CreateUserAsync("renew2@example.com") };
        await _first.ConnectGoogleAsync(users[0], importForeignEvents: false);
        await _second.ConnectGoogleAsync(users[1], importForeignEvents: false);
        var before = new Dictionary<Guid, CalendarSyncSettings>();
        foreach (var user in users)
        {
            await StoreSnapshot.WaitForIdleQueueAsync(_first, user.Id);
            before[user.Id] = (await _first.Get<ISettingsStore>().GetAsync(user.Id, CancellationToken.None))!;
        }

        await _google.ClearRequestsAsync();
        _time.Advance(TimeSpan.FromDays(6.5));
        _googleTime.Advance(TimeSpan.FromDays(6.5));

        var both = Task.WhenAll(
            _first.Get<ChannelRenewalJob>().RunScheduledAsync(CancellationToken.None),
            _second.Get<ChannelRenewalJob>().RunScheduledAsync(CancellationToken.None));
        // The node that finds the job held waits in steps of the retry interval on the fake clock: moved on here once
        // such a wait is armed, until both runs are over.
        while (!both.IsCompleted)
        {
            var armed = _time.WaitForTimerAsync(Retry);
            if (await Task.WhenAny(both, armed) != armed) break;
            _time.Advance(Retry);
            await Task.WhenAny(both, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        var runs = await both;
        var calls = (await _google.GetRequestsAsync()).Select(r => r.Operation).ToList();
        Assert.Equal(2, calls.Count(c => c == "events.watch"));
        Assert.Equal(2, calls.Count(c => c == "channels.stop"));
        Assert.Equal(2, runs.SelectMany(r => r).Count(r => r.Renewed));
        foreach (var user in users)
        {
            var after = (await _second.Get<ISettingsStore>().GetAsync(user.Id, CancellationToken.None))!;
            Assert.NotEqual(before[user.Id].GoogleChannelId, after.GoogleChannelId);
            Assert.True(after.Enabled);
        }
    }
}
