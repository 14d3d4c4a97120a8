using System.Net;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>"Subscribe in another calendar app" on the Google connection page in a real browser (<see cref="Chromium"/>):
/// create the link, copy it, subscribe, regenerate and revoke after confirming.</summary>
public sealed class CalendarFeedBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("subscriber@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task User_creates_copies_regenerates_and_revokes_the_subscription_link()
    {
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Internet bill", 39.99m))).ReadJsonAsync(201);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, "clipboard-read", "clipboard-write");
        using var calendarApp = _server.CreateClient();

        await Chromium.SignInAsync(page, _user, "/google");
        var section = page.GetByTestId("calendar-feed");
        await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Subscribe in another calendar app" })).ToBeVisibleAsync();
        await Assertions.Expect(section.GetByTestId("feed-status")).ToHaveTextAsync("No subscription link is active.");

        await section.GetByRole(AriaRole.Button, new() { Name = "Create subscription link" }).ClickAsync();

        var address = section.GetByLabel("Private calendar address");
        await Assertions.Expect(address).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/feeds/[A-Za-z0-9_-]{43}\\.ics$"));
        var url = await address.InputValueAsync();
        Assert.StartsWith(_server.BaseUri.AbsoluteUri, url, StringComparison.Ordinal);
        Assert.Equal("webcal" + url["http".Length..],
            await section.GetByRole(AriaRole.Link, new() { Name = "Open in calendar app" }).GetAttributeAsync("href"));
        await section.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        Assert.Equal(url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var feed = await calendarApp.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("Internet bill", await feed.Content.ReadAsStringAsync());

        // Regenerate: asks first; cancelling changes nothing.
        await section.GetByRole(AriaRole.Button, new() { Name = "Regenerate link…" }).ClickAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Alert)).ToContainTextAsync("stops working at once");
        await section.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Button, new() { Name = "Regenerate link…" })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(url)).StatusCode);

        await section.GetByRole(AriaRole.Button, new() { Name = "Regenerate link…" }).ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Yes, make a new link" }).ClickAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync("the previous one no longer works");
        var newUrl = await section.GetByLabel("Private calendar address").InputValueAsync();
        Assert.NotEqual(url, newUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(newUrl)).StatusCode);

        // Revoke after confirming: the link 404s at once and the page says no link is active.
        await section.GetByRole(AriaRole.Button, new() { Name = "Revoke link…" }).ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke the link" }).ClickAsync();
        await Assertions.Expect(section.GetByTestId("feed-status")).ToHaveTextAsync("No subscription link is active.");
        await Assertions.Expect(section.GetByLabel("Private calendar address")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(newUrl)).StatusCode);
    }
}
