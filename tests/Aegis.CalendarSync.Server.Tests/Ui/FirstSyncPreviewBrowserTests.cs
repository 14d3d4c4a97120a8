using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Calendar.Model;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Issue 9, dry run, in a real browser (<see cref="Chromium"/>): connecting Google shows what the first sync
/// will do in plain words with Start / Cancel, the other pages show a calm notice (no error) while it waits, and Start
/// syncs the wallet's events into the new "Aegis" calendar.</summary>
public sealed class FirstSyncPreviewBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Settings = { ["Connection:NewConnectionCalendar"] = "Dedicated", ["Emulator:AutoApprove"] = "false" },
        });
        _user = await _server.CreateUserAsync("first.sync@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connect_shows_the_preview_and_start_syncs_the_bills_into_the_aegis_calendar()
    {
        foreach (var (title, amount) in new[] { ("Rent", 950m), ("Electricity", 84.2m), ("Phone", 29.9m) })
        {
            await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid(title, amount))).ReadJsonAsync(201);
        }

        var day = DateTimeOffset.UtcNow.Date.AddDays(2);
        await _server.EmulatorAdmin.CreateEventAsPersonAsync("demo@example.com", "primary", new CalendarEvent
        {
            Summary = "Team meeting",
            Start = new EventDateTime { DateTime = day.AddHours(10).ToString("yyyy-MM-ddTHH:mm:ssZ") },
            End = new EventDateTime { DateTime = day.AddHours(11).ToString("yyyy-MM-ddTHH:mm:ssZ") },
        });
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/google");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect Google Calendar" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Nothing has been synced yet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToContainTextAsync("waiting for your go-ahead");
        var preview = page.GetByTestId("sync-preview");
        await Assertions.Expect(preview.Locator("[data-preview=to_google_new]"))
            .ToContainTextAsync("3 wallet events will be added to your Google Calendar “Aegis” (created when you start).");
        await Assertions.Expect(preview.Locator("[data-preview=to_google_new]")).ToContainTextAsync("Rent");
        await Assertions.Expect(preview.Locator("[data-preview=nothing_deleted]")).ToContainTextAsync("Nothing will be deleted");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "first-sync-preview"));
        Assert.DoesNotContain((await _server.EmulatorAdmin.GetRequestsAsync()).Select(r => r.Operation),
            o => o is "events.insert" or "calendars.insert" or "events.watch");

        // Another page while waiting: a notice that asks for the decision, no error.
        await page.GotoAsync("/events");
        await Assertions.Expect(page.GetByTestId("awaiting-start-notice")).ToContainTextAsync("waits for your go-ahead");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "first-sync-awaiting-events"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Review the first sync" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start syncing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The first sync has started" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToContainTextAsync("Connected as demo@example.com");
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        await page.GotoAsync("/events");
        await Assertions.Expect(page.Locator("[data-sync-status=synced]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("awaiting-start-notice")).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "first-sync-started-events"));
        var calendarId = await ProcessApi.SyncedCalendarAsync(_user.Client);
        var listed = await _server.EmulatorAdmin.ListEventsAsPersonAsync("demo@example.com", calendarId);
        Assert.Equal(3, listed.Items.Count);
        Assert.All(new[] { "Rent", "Electricity", "Phone" }, title => Assert.Contains(listed.Items, e => e.Summary!.Contains(title, StringComparison.Ordinal)));
    }
}
