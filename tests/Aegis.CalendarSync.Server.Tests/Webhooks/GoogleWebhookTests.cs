using System.Globalization;
using System.Net;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Push;

namespace Aegis.CalendarSync.Server.Tests.Webhooks;

/// <summary>The accepting side of the webhook (the rejecting side is in the bad-input table): with the emulator's own
/// pushes dropped, only the pushes sent here reach the server.</summary>
public sealed class GoogleWebhookTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("push@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Exists_push_enqueues_one_incremental_sync_and_advances_the_message_number()
    {
        var settings = await SettingsAsync();
        var before = await QueueAsync();

        var response = await PushAsync(settings, "exists", settings.LastMessageNumber + 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var added = (await QueueAsync()).Where(i => before.All(b => b.Id != i.Id)).ToList();
        var item = Assert.Single(added);
        Assert.Equal((SyncDirection.FromGoogle, QueueAction.IncrementalSync), (item.Direction, item.Action));
        Assert.Equal(settings.LastMessageNumber + 1, (await SettingsAsync()).LastMessageNumber);
    }

    [Fact]
    public async Task Sync_handshake_is_acknowledged_without_enqueueing_work()
    {
        var settings = await SettingsAsync();
        var before = await QueueAsync();

        var response = await PushAsync(settings, "sync", settings.LastMessageNumber + 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.Select(i => i.Id), (await QueueAsync()).Select(i => i.Id));
        Assert.Equal(settings.LastMessageNumber + 1, (await SettingsAsync()).LastMessageNumber);
    }

    [Fact]
    public async Task Handshake_racing_ahead_of_the_stored_channel_is_acknowledged_without_a_rejection()
    {
        var settings = await SettingsAsync();
        var before = await QueueAsync();

        var response = await PushAsync(settings with { GoogleChannelId = "channel-not-stored-yet" }, "sync", 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.Select(i => i.Id), (await QueueAsync()).Select(i => i.Id));
        Assert.DoesNotContain("reason=\"UnknownChannel\"", await _server.CreateClient().GetStringAsync("metrics"));
    }

    [Fact]
    public async Task Rejected_pushes_are_counted_by_reason_in_metrics()
    {
        var settings = await SettingsAsync();
        await PushAsync(settings with { WebhookSecret = "forged" }, "exists", settings.LastMessageNumber + 1);

        var metrics = await _server.CreateClient().GetStringAsync("metrics");
        Assert.Contains("aegis_webhook_rejected", metrics);
        Assert.Contains("reason=\"InvalidToken\"", metrics);
    }

    private async Task<CalendarSyncSettings> SettingsAsync() =>
        (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!;

    private Task<IReadOnlyList<SyncQueueItem>> QueueAsync() =>
        _server.Get<ISyncQueueStore>().ListAsync(_user.Id, null, 1000, CancellationToken.None);

    private Task<HttpResponseMessage> PushAsync(CalendarSyncSettings channel, string state, long messageNumber) =>
        GooglePush.SendAsync(_server, channel, state, messageNumber);
}
