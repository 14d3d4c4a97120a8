using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The dashboard in Debian's chromium: each user sees their own figures, read from the store.</summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveTextOptions Patient = new() { Timeout = 30_000 };

    private TestServerHost _server = null!;
    private TestUser _alice = null!;
    private TestUser _bob = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _alice = await _server.CreateUserAsync("alice-dashboard@example.com");
        _bob = await _server.CreateUserAsync("bob-dashboard@example.com");
        // Separate Google accounts: their calendars (and so their imports) stay apart.
        await _server.ConnectGoogleAsync(_alice, googleAccount: "alice-dashboard@example.com");
        await _server.ConnectGoogleAsync(_bob, googleAccount: "bob-dashboard@example.com");
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _alice.Id, _bob.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Two_users_each_see_their_own_synced_changes_and_propagation_and_the_page_fits_a_phone()
    {
        foreach (var (title, amount) in new[] { ("Rent", 950m), ("Electricity", 84.37m), ("Salary", 3100m) })
        {
            await (await _alice.Client.PostJsonAsync("api/events", EventBodies.Valid(title, amount))).ReadJsonAsync(201);
        }
        await (await _bob.Client.PostJsonAsync("api/events", EventBodies.Valid("Gym", 35m))).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _alice.Id, _bob.Id);

        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await page.SetViewportSizeAsync(1280, 900);
        await Chromium.SignInAsync(page, _alice, "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("figure-synced").Locator(".value")).ToHaveTextAsync("3", Patient);
        await Assertions.Expect(page.GetByTestId("figure-failed").Locator(".value")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("figure-propagation")).ToContainTextAsync("3 changes");
        await Assertions.Expect(page.GetByTestId("figure-channel").Locator(".value")).ToHaveTextAsync("Active");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Sync activity in the last 24 hours: 3 synced, 0 failed, 0 conflicts", Exact = false });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.True((await chart.BoundingBoxAsync())!.Height >= 150, "the chart is tall enough to read");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "dashboard"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Last 7 days" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Sync activity in the last 7 days: 3 synced", Exact = false })).ToBeVisibleAsync();
        await page.GetByText("Show as a table").ClickAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Sync activity in the last 7 days" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(8);

        await PageWidth.AssertNoSidewaysScrollAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("figure-synced").Locator(".value")).ToHaveTextAsync("3");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "dashboard-375"));

        var bobPage = await browser.NewPageAsync(_server);
        await bobPage.SetViewportSizeAsync(1280, 900);
        await Chromium.SignInAsync(bobPage, _bob, "/");
        await Assertions.Expect(bobPage.GetByTestId("figure-synced").Locator(".value")).ToHaveTextAsync("1", Patient);
        await Assertions.Expect(bobPage.GetByTestId("figure-propagation")).ToContainTextAsync("1 change");
        await Assertions.Expect(bobPage.GetByTestId("figure-propagation")).Not.ToContainTextAsync("3 changes");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(bobPage, "dashboard-second-user"));
    }

    [Fact]
    public async Task An_unknown_period_is_refused_in_plain_words()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await Chromium.SignInAsync(page, _alice, "/?period=1y");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Unknown period '1y': choose 24h, 7d or 30d.");
    }
}
