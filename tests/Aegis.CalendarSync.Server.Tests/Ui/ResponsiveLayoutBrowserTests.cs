using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The app at 375 px (an iPhone's width) in Chromium: no page scrolls sideways, the header is one compact
/// row with a Menu button, the events are cards; focus is visible for the keyboard but not drawn around the heading
/// Blazor focuses after navigation.</summary>
public sealed class ResponsiveLayoutBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] MainPages = ["/events", "/", "/google", "/sync", "/conflicts", "/trash", "/audit", "/events/new"];

    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("narrow-screen-with-a-long-address@example.com");
        await _server.ConnectGoogleAsync(_user);
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Electricity and gas for the flat on Avenida da Liberdade", 184.37m))).ReadJsonAsync(201);
        var monthly = EventBodies.Valid("Rent", 950m);
        monthly["recurrence"] = "RRULE:FREQ=MONTHLY";
        await (await _user.Client.PostJsonAsync("api/events", monthly)).ReadJsonAsync(201);
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Priced(1250000m, "JPY"))).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task At_375_px_no_main_page_scrolls_sideways_and_events_are_cards()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 375, 812);
        await Chromium.SignInAsync(page, _user, "/events");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Financial events" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-event-id]")).ToHaveCountAsync(3);

        foreach (var path in MainPages)
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            var (scrollWidth, innerWidth) = await PageWidth.WidthsAsync(page);
            Assert.True(scrollWidth <= innerWidth, $"{path}: the page is {scrollWidth} px wide in a {innerWidth} px viewport");
        }

        await page.GotoAsync("/events");
        var card = page.Locator("tr[data-event-id]").First;
        Assert.Equal("block", await card.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var header = await page.Locator("header").BoundingBoxAsync();
        Assert.True(header!.Height <= 64, $"the header is {header.Height} px high");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "events-375"));
    }

    [Fact]
    public async Task At_375_px_the_navigation_opens_from_the_menu_button_and_closes_after_navigating()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 375, 812);
        await Chromium.SignInAsync(page, _user, "/");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var events = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events" });
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(events).ToBeHiddenAsync();

        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(events).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "menu-open-375"));
        await events.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Financial events" })).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(events).ToBeHiddenAsync();
        var (scrollWidth, innerWidth) = await PageWidth.WidthsAsync(page);
        Assert.True(scrollWidth <= innerWidth, $"the page is {scrollWidth} px wide in a {innerWidth} px viewport");
    }

    [Fact]
    public async Task The_heading_focused_after_navigation_has_no_ring_but_keyboard_focus_does()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 800);
        await Chromium.SignInAsync(page, _user, "/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Financial events" })).ToBeFocusedAsync();
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("A", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.Equal("image/svg+xml", (await page.APIRequest.GetAsync(icon!)).Headers["content-type"]);
    }
}
