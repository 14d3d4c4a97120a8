using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Push;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>A: connected to Google (live channel), one event. B: one event, one queue item. C: a channel that expired
/// an hour ago. After setup pushes from the emulator are dropped and the queue is idle, so any store change during a
/// case was caused by that case's request.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public TestServerHost Server { get; private set; } = null!;
    public TestUser A { get; private set; } = null!;
    public TestUser B { get; private set; } = null!;
    public Guid C { get; private set; }
    public string BEventId { get; private set; } = "";
    public long BQueueItemId { get; private set; }
    public Uri UsedCallback { get; private set; } = null!;
    public const string ExpiredChannelId = "expired-channel";
    public const string ExpiredChannelToken = "expired-channel-secret-0123456789";
    public const string ExpiredResourceId = "expired-resource";

    public async Task InitializeAsync()
    {
        Server = await TestServerHost.StartAsync();
        A = await Server.CreateUserAsync("a@example.com");
        B = await Server.CreateUserAsync("b@example.com");
        var c = await Server.CreateUserAsync("c@example.com");
        C = c.Id;
        await (await A.Client.PostJsonAsync("api/events", EventBodies.Valid("A's bill"))).ReadJsonAsync(201);
        BEventId = (string)(await (await B.Client.PostJsonAsync("api/events", EventBodies.Valid("B's bill"))).ReadJsonAsync(201))["id"]!;
        BQueueItemId = await Server.Get<ISyncQueueStore>().EnqueueFromGoogleAsync(B.Id, QueueAction.FullSync, CancellationToken.None);

        UsedCallback = await Server.AuthorizeAtEmulatorAsync(A);
        (await A.Client.GetAsync(UsedCallback)).EnsureSuccessStatusCode();

        await Server.Get<ISettingsStore>().UpsertAsync(new CalendarSyncSettings
        {
            UserId = C,
            Enabled = true,
            EncryptedRefreshToken = "not-used",
            GoogleChannelId = ExpiredChannelId,
            GoogleResourceId = ExpiredResourceId,
            WebhookSecret = ExpiredChannelToken,
            ChannelExpiryAt = DateTimeOffset.UtcNow.AddHours(-1),
            UpdatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);

        await StoreSnapshot.WaitForIdleQueueAsync(Server, A.Id, B.Id, C);
        await Server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
    }

    public async Task<CalendarSyncSettings> ASettingsAsync() =>
        (await Server.Get<ISettingsStore>().GetAsync(A.Id, CancellationToken.None))!;

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
