using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The live activity section follows sync progress without a reload, also after enhanced navigation.</summary>
public sealed class LiveActivityBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("live-browser@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sync_status_page_shows_a_push_made_in_the_background_without_reloading()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await Chromium.SignInAsync(page, _user, "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");

        // Enhanced navigation swaps the page without a load event: the script must re-bind to the new section.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sync status" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sync status" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");
        var activity = page.GetByRole(AriaRole.List, new() { Name = "Live activity" });
        await Assertions.Expect(activity).ToContainTextAsync("Connected Google Calendar");
        await Assertions.Expect(activity).Not.ToContainTextAsync("Rent");
        var loads = 0;
        page.Load += (_, _) => loads++;

        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);

        await Assertions.Expect(activity.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Sent 'Rent' to Google" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-queue-status=completed] [data-count]")).Not.ToHaveTextAsync("0");
        Assert.Equal("live", await page.GetByTestId("live-state").TextContentAsync());
        Assert.Equal(0, loads);
    }

    [Fact]
    public async Task Sign_ins_stay_out_of_live_activity_and_are_listed_in_the_audit_log()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await Chromium.SignInAsync(page, _user, "/sync");
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");
        var activity = page.GetByRole(AriaRole.List, new() { Name = "Live activity" });
        await Assertions.Expect(activity).ToContainTextAsync("Connected Google Calendar");

        // More sign-ins while the stream is open (another device), then a change of money: only the change shows.
        for (var i = 0; i < 3; i++)
        {
            var other = await browser.NewPageAsync(_server);
            await Chromium.SignInAsync(other, _user, "/events");
            await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Financial events" })).ToBeVisibleAsync();
            await other.CloseAsync();
        }
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);

        await Assertions.Expect(activity.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Sent 'Rent' to Google" })).ToBeVisibleAsync();
        await Assertions.Expect(activity).Not.ToContainTextAsync("Signed in");
        await page.ReloadAsync();
        await Assertions.Expect(activity).ToContainTextAsync("Sent 'Rent' to Google");
        await Assertions.Expect(activity).Not.ToContainTextAsync("Signed in");

        // The security history keeps every one: the API client's sign-in when the test made the user, and the four here.
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Signed in" })).ToHaveCountAsync(5);
    }
}
