using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Push;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The Trash page and the held-deletions notice in a real browser (<see cref="Chromium"/>): a mass delete in
/// Google shows the notice on every page; deleting here too asks for confirmation first; keeping puts them back in
/// Google; a trashed event restores from the Trash page.</summary>
public sealed class TrashBrowserTests : IAsyncLifetime
{
    private const string Notice = "Google Calendar removed 12 events: keep them in Aegis (they will be put back in Google) or delete them here too";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("trash.owner@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Held_deletions_notice_asks_before_deleting_and_keeping_puts_them_back_in_google()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid($"Bill {i:D2}", 10m + i))).ReadJsonAsync(201);
            ids.Add(Guid.Parse((string)created["id"]!));
        }

        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        // The person clears the calendar at once: one inbound sync sees all 12 deletions.
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        foreach (var id in ids)
        {
            await _server.EmulatorAdmin.DeleteEventAsPersonAsync("demo@example.com", "primary", GoogleEventId.FromFinancialEventId(id));
        }

        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Normal));
        Assert.Equal(202, (int)(await _user.Client.PostAsync("api/sync/now", null)).StatusCode);
        await Eventually.TrueAsync(async () =>
            (int?)(await (await _user.Client.GetAsync("api/sync/held-deletions")).ReadJsonAsync())["count"] == 12,
            "the push to hold the 12 deletions");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/events");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = Notice })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Decide" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete them here too" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Delete these 12 events from Aegis too?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(12, (int?)(await (await _user.Client.GetAsync("api/sync/held-deletions")).ReadJsonAsync())["count"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Keep them in Aegis" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Kept 12 events; they are back in Google Calendar." }))
            .ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = Notice })).ToHaveCountAsync(0);
        var events = await (await _user.Client.GetAsync("api/events")).ReadJsonAsync();
        Assert.Equal(12, events["items"]!.AsArray().Count);
        Assert.Equal(12, (await _server.EmulatorAdmin.GetRequestsAsync()).Count(r => r is { Operation: "events.update", Status: 200 }));
    }

    [Fact]
    public async Task A_deleted_event_is_listed_in_the_trash_and_restores_from_there()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Water bill", 31.5m))).ReadJsonAsync(201);
        var id = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.DeleteEventAsPersonAsync("demo@example.com", "primary", GoogleEventId.FromFinancialEventId(id));
        await Eventually.TrueAsync(async () => (await (await _user.Client.GetAsync("api/events/trash")).ReadJsonAsync()).AsArray().Count == 1,
            "the Google deletion to reach the Trash");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/trash");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "in Google Calendar", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("trash-note")).ToHaveTextAsync(
            "Deleted events stay here for 30 days; restoring one puts it back in the wallet and in Google Calendar too.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore Water bill" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Restored \"Water bill\"" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Restored \"Water bill\"; it is being put back in Google Calendar too.");
        await Assertions.Expect(page.GetByText("The Trash is empty.")).ToBeVisibleAsync();
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var google = await _server.EmulatorAdmin.GetRequestsAsync();
        Assert.Contains(google, r => r is { Operation: "events.insert" or "events.update", Status: 200 });
        Assert.Equal(200, (int)(await _user.Client.GetAsync($"api/events/{id}")).StatusCode);
    }

    [Fact]
    public async Task Without_google_the_trash_says_a_restore_comes_back_in_the_wallet_only()
    {
        var offline = await _server.CreateUserAsync("trash.offline@example.com");
        var created = await (await offline.Client.PostJsonAsync("api/events", EventBodies.Valid("Phone bill", 19.99m))).ReadJsonAsync(201);
        var id = (string)created["id"]!;
        Assert.Equal(204, (int)(await offline.Client.DeleteAsync($"api/events/{id}")).StatusCode);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, offline, "/trash");
        await Assertions.Expect(page.GetByTestId("trash-note")).ToHaveTextAsync(
            "Deleted events stay here for 30 days; restoring one puts it back in the wallet only: Google Calendar is not connected.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore Phone bill" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "Restored \"Phone bill\" in the wallet; Google Calendar is not connected, so Google is not changed.");
        Assert.Equal(200, (int)(await offline.Client.GetAsync($"api/events/{id}")).StatusCode);
    }
}
