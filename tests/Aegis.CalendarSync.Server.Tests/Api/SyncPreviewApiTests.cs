using GoogleCalendarEmulator.Push;
using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>Issue 9, dry run, over HTTP: GET /api/sync/preview after the OAuth connect, POST start / cancel, and the
/// problem details (nothing changed) for each of them when the connection does not await the go-ahead.</summary>
public sealed class SyncPreviewApiTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("preview@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Preview_then_start_and_every_request_out_of_turn_is_refused_with_nothing_changed()
    {
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var beforeConnect = await StoreSnapshot.TakeAsync(_server, _user.Id);
        foreach (var refused in new[]
                 {
                     await _user.Client.GetAsync("api/sync/preview"), await _user.Client.PostAsync("api/sync/preview/start", null),
                     await _user.Client.PostAsync("api/sync/preview/cancel", null),
                 })
        {
            Assert.Equal("Connect a Google account first.", (string?)(await refused.AssertProblemAsync(409))["detail"]);
        }

        Assert.Equal(beforeConnect, await StoreSnapshot.TakeAsync(_server, _user.Id));

        await _server.SetImportForeignEventsAsync(_user, importForeignEvents: true);
        Assert.Equal(200, (int)(await _user.Client.GetAsync(await _server.AuthorizeAtEmulatorAsync(_user))).StatusCode);
        var settings = await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.True((bool)settings["connected"]!);
        var syncNow = await (await _user.Client.PostAsync("api/sync/now", null)).AssertProblemAsync(409);
        Assert.Contains("waits for your go-ahead", (string?)syncNow["detail"]);

        var preview = await (await _user.Client.GetAsync("api/sync/preview")).ReadJsonAsync();
        Assert.Equal(1, (int)preview["to_google_new"]!["count"]!);
        Assert.Equal("Rent", (string?)preview["to_google_new"]!["samples"]![0]);
        Assert.Equal(0, (int)preview["to_wallet_trash"]!["count"]!);
        Assert.Equal(0, (int)preview["in_google_deleted"]!["count"]!);
        Assert.Equal("primary", (string?)preview["calendars"]![0]!["id"]);
        var sentences = preview["sentences"]!.AsArray().Select(s => (string?)s).ToList();
        Assert.Contains("1 wallet event will be added to your Google Calendar “demo@example.com”.", sentences);
        Assert.Contains("Nothing will be deleted, in your wallet or in Google.", sentences);

        // Google's pushes of the start's own writes (its channel's sync message, the echo of the insert) arrive on
        // their own schedule and move the channel's message number; dropped from here on, so the snapshots below
        // differ only if a refused request changed something.
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        await _server.EmulatorAdmin.FlushNotificationsAsync();
        var started = await (await _user.Client.PostAsync("api/sync/preview/start", null)).ReadJsonAsync(202);
        Assert.True((bool)started["started"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var afterStart = await StoreSnapshot.TakeAsync(_server, _user.Id);
        foreach (var refused in new[]
                 {
                     await _user.Client.GetAsync("api/sync/preview"), await _user.Client.PostAsync("api/sync/preview/start", null),
                     await _user.Client.PostAsync("api/sync/preview/cancel", null),
                 })
        {
            Assert.Contains("already started", (string?)(await refused.AssertProblemAsync(409))["detail"]);
        }

        Assert.Equal(afterStart, await StoreSnapshot.TakeAsync(_server, _user.Id));
        Assert.True((bool)(await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync())["connected"]!);
    }

    /// <summary>A monthly bill made before connecting, with April marked paid: the preview counts the series as one
    /// event and April apart, named by its date, in the response and in its sentences.</summary>
    [Fact]
    public async Task Preview_counts_a_month_the_user_marked_paid_named_by_its_date()
    {
        var body = EventBodies.Valid("Rent", 950m);
        body["recurrence"] = "RRULE:FREQ=MONTHLY;COUNT=6";
        var series = await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201);
        var april = await _user.Client.PatchJsonAsync($"api/events/{(string?)series["id"]}/occurrences/2030-04-10", new { status = "paid" });
        Assert.True(april.IsSuccessStatusCode, await april.Content.ReadAsStringAsync());
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        Assert.Equal(200, (int)(await _user.Client.GetAsync(await _server.AuthorizeAtEmulatorAsync(_user))).StatusCode);

        var preview = await (await _user.Client.GetAsync("api/sync/preview")).ReadJsonAsync();

        Assert.Equal(1, (int)preview["to_google_new"]!["count"]!);
        var occurrences = preview["occurrences"]!;
        Assert.Equal(1, (int)occurrences["to_google"]!["count"]!);
        Assert.Equal("Rent, 10 Apr 2030", (string?)occurrences["to_google"]!["samples"]![0]);
        Assert.Equal(0, (int)occurrences["removed_from_google"]!["count"]! + (int)occurrences["to_wallet"]!["count"]!
            + (int)occurrences["skipped_in_wallet"]!["count"]! + (int)occurrences["conflicts"]!["count"]!);
        var sentences = preview["sentences"]!.AsArray().Select(s => (string?)s).ToList();
        Assert.Contains("1 date of a repeating event that you changed in your wallet (paid, moved, another amount) will be updated in Google.", sentences);
        Assert.Contains("Nothing will be deleted, in your wallet or in Google.", sentences);
    }

    [Fact]
    public async Task Cancel_disconnects_and_nothing_reaches_google()
    {
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);
        Assert.Equal(200, (int)(await _user.Client.GetAsync(await _server.AuthorizeAtEmulatorAsync(_user))).StatusCode);

        Assert.Equal(204, (int)(await _user.Client.PostAsync("api/sync/preview/cancel", null)).StatusCode);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        Assert.False((bool)(await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync())["connected"]!);
        var operations = (await _server.EmulatorAdmin.GetRequestsAsync()).Select(r => r.Operation).ToList();
        Assert.DoesNotContain(operations, o => o is "events.insert" or "events.update" or "events.patch" or "events.delete" or "events.watch"
            or "calendars.insert");
        Assert.Empty((await _server.EmulatorAdmin.ListEventsAsPersonAsync("demo@example.com", "primary")).Items);
        await (await _user.Client.PostAsync("api/sync/preview/start", null)).AssertProblemAsync(409);
    }
}
