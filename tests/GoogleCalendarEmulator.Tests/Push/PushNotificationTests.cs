using System.Globalization;
using System.Net;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Push;
using GoogleCalendarEmulator.Tests.Infrastructure;

namespace GoogleCalendarEmulator.Tests.Push;

public sealed class PushNotificationTests : IAsyncLifetime
{
    private EmulatorSession _emulator = null!;
    private PushReceiver _receiver = null!;
    private CalendarApi _api = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorSession.StartAsync();
        _receiver = await PushReceiver.StartAsync();
        _api = await _emulator.ApiAsync();
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private Task<ApiResponse> WatchAsync(string channelId, object? extra = null) =>
        _api.SendAsync(HttpMethod.Post, "calendar/v3/calendars/primary/events/watch", new Dictionary<string, object?>
        {
            ["id"] = channelId,
            ["type"] = "web_hook",
            ["address"] = _receiver.Address(channelId),
            ["token"] = "secret-" + channelId,
            ["params"] = extra,
        });

    [Fact]
    public async Task Watch_answers_a_channel_and_sends_sync_then_exists_with_increasing_numbers()
    {
        var watch = await WatchAsync("chan-1");

        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.Equal("api#channel", (string?)watch.Json!["kind"]);
        Assert.Equal("chan-1", watch.Id);
        Assert.Equal("secret-chan-1", (string?)watch.Json["token"]);
        var expiration = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)watch.Json["expiration"]!, CultureInfo.InvariantCulture));
        Assert.Equal(_emulator.Time.GetUtcNow().AddDays(7), expiration);

        var sync = await _receiver.NextAsync();
        var inserted = await _api.InsertAsync(Events.Timed("x"));
        var created = await _receiver.NextAsync();
        await _api.PatchAsync(inserted.Id, new { summary = "y" });
        var changed = await _receiver.NextAsync();
        await _api.DeleteAsync(inserted.Id);
        var deleted = await _receiver.NextAsync();

        Assert.Equal("sync", sync.State);
        Assert.Equal(1, sync.Number);
        Assert.Equal(["exists", "exists", "exists"], new[] { created.State, changed.State, deleted.State });
        Assert.True(created.Number > sync.Number && changed.Number > created.Number && deleted.Number > changed.Number);
        Assert.Equal("chan-1", sync.ChannelId);
        Assert.Equal("secret-chan-1", sync.Headers["X-Goog-Channel-Token"]);
        Assert.Equal((string?)watch.Json["resourceId"], sync.Headers["X-Goog-Resource-ID"]);
        Assert.Equal((string?)watch.Json["resourceUri"], sync.Headers["X-Goog-Resource-URI"]);
        Assert.Equal(expiration.ToString("R", CultureInfo.InvariantCulture), sync.Headers["X-Goog-Channel-Expiration"]);
        Assert.Equal("APIs-Google", sync.Headers["User-Agent"]);
        Assert.Equal(0, created.BodyLength);
    }

    [Fact]
    public async Task Resource_id_is_stable_per_calendar_and_ttl_is_capped()
    {
        var first = await WatchAsync("chan-a");
        var second = await WatchAsync("chan-b", new { ttl = "99999999" });

        Assert.Equal((string?)first.Json!["resourceId"], (string?)second.Json!["resourceId"]);
        Assert.Equal(
            _emulator.Time.GetUtcNow().AddDays(7).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            (string?)second.Json["expiration"]);
    }

    [Fact]
    public async Task Flush_returns_only_after_every_queued_push_was_answered()
    {
        await WatchAsync("flushed");
        await _api.InsertAsync(Events.Timed("queued before the flush"));
        await _emulator.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        await _api.InsertAsync(Events.Timed("dropped"));

        await _emulator.Admin.FlushNotificationsAsync();

        // The receiver records a push before answering it, so both are here the moment the flush returns; the push
        // for the change made after Drop was never queued.
        Assert.Equal(2, _receiver.Pending);
        Assert.Equal("sync", (await _receiver.NextAsync()).State);
        Assert.Equal("exists", (await _receiver.NextAsync()).State);
        await _emulator.Admin.FlushNotificationsAsync();
        Assert.Equal(0, _receiver.Pending);
    }

    [Fact]
    public async Task Stopped_channel_goes_silent()
    {
        var watch = await WatchAsync("stopped");
        Assert.Equal("sync", (await _receiver.NextAsync()).State);

        var stop = await _api.SendAsync(HttpMethod.Post, "calendar/v3/channels/stop", new { id = "stopped", resourceId = (string?)watch.Json!["resourceId"] });
        var stopAgain = await _api.SendAsync(HttpMethod.Post, "calendar/v3/channels/stop", new { id = "stopped", resourceId = (string?)watch.Json["resourceId"] });
        await _api.InsertAsync(Events.Timed("after stop"));

        // Delivery is FIFO: once the witness channel's sync arrives, anything queued for "stopped" before it would have too.
        await WatchAsync("witness");
        var next = await _receiver.NextAsync();

        Assert.Equal(HttpStatusCode.NoContent, stop.Status);
        Assert.Equal(HttpStatusCode.NotFound, stopAgain.Status);
        Assert.Equal("witness", next.ChannelId);
    }

    [Fact]
    public async Task Expired_channel_goes_silent()
    {
        await WatchAsync("short", new { ttl = "60" });
        Assert.Equal("sync", (await _receiver.NextAsync()).State);

        _emulator.Time.Advance(TimeSpan.FromSeconds(60));
        await _emulator.Admin.CreateEventAsPersonAsync(EmulatorSession.Email, "primary", NewEvent("after expiry"));
        await WatchAsync("witness");

        Assert.Equal("witness", (await _receiver.NextAsync()).ChannelId);
    }

    [Fact]
    public async Task Person_changes_in_the_ui_fire_push_but_are_not_counted_as_api_calls()
    {
        await WatchAsync("ui");
        await _receiver.NextAsync();
        await _emulator.Admin.ClearRequestsAsync();

        var created = await _emulator.Admin.CreateEventAsPersonAsync(EmulatorSession.Email, "primary", NewEvent("typed in UI"));
        var createdPush = await _receiver.NextAsync();
        var patched = await _emulator.Admin.PatchEventAsPersonAsync(EmulatorSession.Email, "primary", created.Id!, new { summary = "renamed in UI" });
        await _receiver.NextAsync();
        await _emulator.Admin.DeleteEventAsPersonAsync(EmulatorSession.Email, "primary", created.Id!);
        var deletedPush = await _receiver.NextAsync();

        Assert.Equal("exists", createdPush.State);
        Assert.Equal("exists", deletedPush.State);
        Assert.NotEqual(created.Etag, patched.Etag);
        Assert.Equal("renamed in UI", patched.Summary);
        Assert.Equal("cancelled", (string?)(await _api.GetAsync(created.Id!)).Json!["status"]);
        Assert.Equal(new Dictionary<string, int> { ["events.get"] = 1 }, await _emulator.Admin.GetRequestCountsAsync());
    }

    [Fact]
    public async Task Bulk_person_creates_are_single_creates_in_order_each_with_its_etag_and_push_and_no_api_call()
    {
        await WatchAsync("bulk");
        await _receiver.NextAsync();
        await _emulator.Admin.ClearRequestsAsync();

        var created = await _emulator.Admin.CreateEventsAsPersonAsync(EmulatorSession.Email, "primary",
            [NewEvent("first"), NewEvent("second"), NewEvent("third")]);
        var pushes = new[] { await _receiver.NextAsync(), await _receiver.NextAsync(), await _receiver.NextAsync() };

        Assert.Equal(["first", "second", "third"], created.Select(e => e.Summary));
        Assert.Equal(3, created.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3, created.Select(e => e.Etag).Distinct().Count());
        Assert.Equal([2L, 3L, 4L], pushes.Select(p => p.Number));
        Assert.All(pushes, p => Assert.Equal("exists", p.State));
        foreach (var e in created)
        {
            Assert.Equal(e.Etag, (string?)(await _api.GetAsync(e.Id!)).Json!["etag"]);
        }

        Assert.Equal(new Dictionary<string, int> { ["events.get"] = 3 }, await _emulator.Admin.GetRequestCountsAsync());

        var patched = await _emulator.Admin.PatchEventsAsPersonAsync(EmulatorSession.Email, "primary",
            [new(created[0].Id!, new() { ["summary"] = "first, renamed" }), new(created[2].Id!, new() { ["summary"] = "third, renamed" })]);
        var patchPushes = new[] { await _receiver.NextAsync(), await _receiver.NextAsync() };

        Assert.Equal(["first, renamed", "third, renamed"], patched.Select(e => e.Summary));
        Assert.Equal([created[0].Id, created[2].Id], patched.Select(e => e.Id));
        Assert.DoesNotContain(patched, e => created.Any(c => c.Etag == e.Etag));
        Assert.Equal([5L, 6L], patchPushes.Select(p => p.Number));
        Assert.Equal("second", (string?)(await _api.GetAsync(created[1].Id!)).Json!["summary"]);
    }

    [Fact]
    public async Task Drop_mode_loses_messages_and_duplicate_mode_repeats_them()
    {
        await WatchAsync("faulty");
        Assert.Equal(1, (await _receiver.NextAsync()).Number);

        await _emulator.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop, Count: 1));
        await _api.InsertAsync(Events.Timed("dropped"));
        await _emulator.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Duplicate, Count: 1));
        await _api.InsertAsync(Events.Timed("duplicated"));
        await _api.InsertAsync(Events.Timed("normal again"));

        var first = await _receiver.NextAsync();
        var repeat = await _receiver.NextAsync();
        var normal = await _receiver.NextAsync();

        Assert.Equal(3, first.Number);
        Assert.Equal(3, repeat.Number);
        Assert.Equal(4, normal.Number);
    }

    [Fact]
    public async Task Delay_mode_holds_a_message_until_emulator_time_passes()
    {
        await WatchAsync("slow");
        await _receiver.NextAsync();
        await _emulator.Admin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Delay, Count: 1, DelayMilliseconds: 5000));

        await _api.InsertAsync(Events.Timed("delayed"));
        var due = await _emulator.Time.NextTimerAsync();
        Assert.Equal(0, _receiver.Pending);
        _emulator.Time.Advance(due);

        Assert.Equal("exists", (await _receiver.NextAsync()).State);
        Assert.Equal(TimeSpan.FromSeconds(5), due);
    }

    [Fact]
    public async Task Duplicate_channel_id_and_non_web_hook_type_are_rejected()
    {
        await WatchAsync("dup");

        Assert.Equal(HttpStatusCode.BadRequest, (await WatchAsync("dup")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.SendAsync(HttpMethod.Post, "calendar/v3/calendars/primary/events/watch",
            new { id = "other", type = "email", address = _receiver.Address("other") })).Status);
    }

    private static CalendarEvent NewEvent(string summary) => new()
    {
        Summary = summary,
        Start = new EventDateTime { DateTime = "2026-12-01T09:00:00Z" },
        End = new EventDateTime { DateTime = "2026-12-01T10:00:00Z" },
    };
}
