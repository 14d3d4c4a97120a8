using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Push;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>A: connected to Google (live channel), one event. B: one event, one queue item. C: a channel that expired
/// an hour ago. After setup pushes from the emulator are dropped and the queue is idle, so any store change during a
/// case was caused by that case's request.</summary>
/// <remarks>Quiescing, in this order, is what makes "changes nothing" deterministic. A's first sync inserts A's event
/// into Google, so the emulator queues an "exists" push on A's channel; its dispatcher delivers it whenever it gets
/// to it. Waiting for an idle queue alone lost a race: the push could arrive after the wait (even after Drop was
/// set, because Drop only stops new messages), enqueue an incremental sync and move A's sync token and last message
/// number in the middle of a case. Now: (1) Drop, so the emulator writes no new push; (2) flush, which returns only
/// once every push written before it has been answered by the server, and the webhook answers only after its
/// enqueue is stored; (3) wait for the idle queue, which therefore includes any sync those pushes caused. Nothing
/// after step 3 can write A's settings: the syncs it ran write to Google only pushes that step 1 drops.</remarks>
public sealed class BadInputFixture : IAsyncLifetime
{
    public TestServerHost Server { get; private set; } = null!;
    public TestUser A { get; private set; } = null!;
    public TestUser B { get; private set; } = null!;
    public Guid C { get; private set; }
    public string BEventId { get; private set; } = "";
    /// <summary>A's monthly bill from 2030-03-10 (a bill: its occurrences are named by date), March already paid.</summary>
    public string ASeriesId { get; private set; } = "";
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
        var series = EventBodies.Valid("A's rent");
        series["recurrence"] = "RRULE:FREQ=MONTHLY;COUNT=12";
        ASeriesId = (string)(await (await A.Client.PostJsonAsync("api/events", series)).ReadJsonAsync(201))["id"]!;
        await (await A.Client.PatchJsonAsync($"api/events/{ASeriesId}/occurrences/2030-03-10", new { status = "paid" })).ReadJsonAsync(200);
        BQueueItemId = await Server.Get<ISyncQueueStore>().EnqueueFromGoogleAsync(B.Id, QueueAction.FullSync, CancellationToken.None);

        UsedCallback = await Server.AuthorizeAtEmulatorAsync(A);
        (await A.Client.GetAsync(UsedCallback)).EnsureSuccessStatusCode();
        await FirstSyncApi.StartAsync(A.Client);

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
        await Server.EmulatorAdmin.FlushNotificationsAsync();
        await StoreSnapshot.WaitForIdleQueueAsync(Server, A.Id, B.Id, C);
    }

    public async Task<CalendarSyncSettings> ASettingsAsync() =>
        (await Server.Get<ISettingsStore>().GetAsync(A.Id, CancellationToken.None))!;

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
