using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The Events page of a connected user in Chromium: the sync badge follows the queue live, a change made in
/// Google appears without a reload, and the link opens the event in Google Calendar.</summary>
public sealed class EventsPageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;
    private HeldPushHandler _pushes = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Services = services => services.Replace(ServiceDescriptor.Singleton<ISyncWorkHandler>(sp =>
                new HeldPushHandler(ActivatorUtilities.CreateInstance<SyncWorkHandler>(sp)))),
        });
        _pushes = (HeldPushHandler)_server.Get<ISyncWorkHandler>();
        _user = await _server.CreateUserAsync("events-browser@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_badge_goes_from_pending_to_synced_after_a_save_without_a_reload()
    {
        // Pushes wait until released, so "pending" is there to see before the push (no race with the processor).
        _pushes.Hold();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 800);
        await Chromium.SignInAsync(page, _user, "/events/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New event" })).ToBeVisibleAsync();
        // The page's script picks the browser's zone once it has run (read at once, CI once saw the server's UTC).
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Lisbon");

        await page.GetByLabel("Title").FillAsync("Rent");
        await page.GetByLabel("Amount").FillAsync("950");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Event saved. It will be synced to Google Calendar." })).ToBeVisibleAsync();
        var row = page.Locator("tr[data-event-id]").Filter(new() { HasText = "Rent" });
        var badge = row.Locator("[data-sync-status]");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-sync-status", "pending");
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", "Waiting to be sent to Google Calendar.");
        await Assertions.Expect(row).ToContainTextAsync("EUR 950.00");
        await Assertions.Expect(page.GetByTestId("events-live")).ToHaveAttributeAsync("data-live-state", "live");
        var loads = 0;
        page.Load += (_, _) => loads++;

        _pushes.Release();

        await Assertions.Expect(badge).ToHaveAttributeAsync("data-sync-status", "synced");
        await Assertions.Expect(badge).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^In Google Calendar\\. Last synced .+ UTC\\.$"));
        var id = Guid.Parse((await row.GetAttributeAsync("data-event-id"))!);
        var mapping = await _server.Get<IMappingStore>().GetByEventAsync(_user.Id, id, CancellationToken.None);
        var link = row.GetByRole(AriaRole.Link, new() { Name = "View Rent in Google Calendar" });
        Assert.StartsWith("https://www.google.com/calendar/event?eid=", mapping!.HtmlLink);
        await Assertions.Expect(link).ToHaveAttributeAsync("href", mapping.HtmlLink!);
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        Assert.Equal(0, loads);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "events-desktop"));
    }

    [Fact]
    public async Task A_google_side_edit_appears_on_the_open_events_page_without_a_reload()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Water bill", 42.5m))).ReadJsonAsync(201);
        var id = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 800);
        await Chromium.SignInAsync(page, _user, "/events");
        var row = page.Locator($"tr[data-event-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Water bill");
        await Assertions.Expect(row.Locator("[data-sync-status]")).ToHaveAttributeAsync("data-sync-status", "synced");
        await Assertions.Expect(page.GetByTestId("events-live")).ToHaveAttributeAsync("data-live-state", "live");
        var loads = 0;
        page.Load += (_, _) => loads++;

        await _server.EmulatorAdmin.PatchEventAsPersonAsync("demo@example.com", "primary", GoogleEventId.FromFinancialEventId(id),
            new { summary = "Water bill (moved by my partner)" });

        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "Water bill (moved by my partner)", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-sync-status]")).ToHaveAttributeAsync("data-sync-status", "synced");
        Assert.Equal(0, loads);
    }
}
