using Aegis.CalendarSync.Connection;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Jobs;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Faults;

namespace Aegis.CalendarSync.Server.Tests.Jobs;

/// <summary>The server runs on a fake clock; the emulator keeps real time, so a channel it issues for 7 days is
/// "near expiry" once the fake clock is moved 6.5 days on.</summary>
public sealed class ChannelRenewalJobTests : IAsyncLifetime
{
    private readonly TestClock _time = new(DateTimeOffset.UtcNow);
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Time = _time,
            // Client-level retries would wait on the fake clock; the job's own retries are what is under test.
            // The API token must outlive the 6.5 days the clock is moved.
            Settings = { ["Google:MaxRetryAttempts"] = "0", ["Server:ApiTokenLifetime"] = "30.00:00:00" },
        });
        _user = await _server.CreateUserAsync("renew@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.ClearRequestsAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Channels_far_from_expiry_are_left_alone()
    {
        var results = await _server.Get<ChannelRenewalJob>().RunOnceAsync(CancellationToken.None);

        Assert.Empty(results);
        Assert.DoesNotContain(await _server.EmulatorAdmin.GetRequestsAsync(), r => r.Operation == "events.watch");
    }

    [Fact]
    public async Task Channel_near_expiry_is_renewed_with_the_new_channel_registered_before_the_old_is_stopped()
    {
        var old = await SettingsAsync();
        _time.Advance(TimeSpan.FromDays(6.5));

        var result = Assert.Single(await _server.Get<ChannelRenewalJob>().RunOnceAsync(CancellationToken.None));

        Assert.True(result.Renewed);
        Assert.Equal(1, result.Attempts);
        var calls = (await _server.EmulatorAdmin.GetRequestsAsync()).Select(r => r.Operation).ToList();
        var watch = calls.IndexOf("events.watch");
        var stop = calls.IndexOf("channels.stop");
        Assert.True(watch >= 0 && stop > watch, $"expected watch before stop, got: {string.Join(", ", calls)}");
        var renewed = await SettingsAsync();
        Assert.NotEqual(old.GoogleChannelId, renewed.GoogleChannelId);
        Assert.True(renewed.Enabled);
        Assert.True(renewed.ChannelExpiryAt > old.ChannelExpiryAt);
    }

    [Fact]
    public async Task Failing_renewal_is_retried_three_times_then_sync_is_disabled_with_a_reason()
    {
        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 10, Status: 500, Reason: "backendError", PathContains: "/events/watch"));
        _time.Advance(TimeSpan.FromDays(6.5));

        var result = Assert.Single(await _server.Get<ChannelRenewalJob>().RunOnceAsync(CancellationToken.None));

        Assert.False(result.Renewed);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, (await _server.EmulatorAdmin.GetRequestsAsync()).Count(r => r.Operation == "events.watch"));
        var settings = await SettingsAsync();
        Assert.False(settings.Enabled);
        Assert.Equal(ChannelRenewal.DisabledReason, settings.DisabledReason);
        var shown = await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.Equal(ChannelRenewal.DisabledReason, (string?)shown["disabled_reason"]);
        var audit = await (await _user.Client.GetAsync("api/audit?action=channel_renewed&status=failed")).ReadJsonAsync();
        Assert.Single(audit["items"]!.AsArray());
    }

    private async Task<CalendarSyncSettings> SettingsAsync() =>
        (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!;
}
