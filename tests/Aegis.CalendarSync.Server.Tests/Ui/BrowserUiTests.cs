using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The UI in a real browser (<see cref="Chromium"/>), selected by label and role like a person would.</summary>
public sealed class BrowserUiTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync(new TestServerOptions { Settings = { ["Emulator:AutoApprove"] = "false" } });
        _user = await _server.CreateUserAsync("browser@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task User_signs_in_creates_a_bill_and_connects_google_through_the_consent_page()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/events");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Financial events" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "New event" }).ClickAsync();
        // The list has filters labelled "Search titles" and "Type": fill the form only once it is the page shown.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New event" })).ToBeVisibleAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Internet bill");
        await page.GetByLabel("Type").SelectOptionAsync("Bill");
        await page.GetByLabel("Amount").FillAsync("39.99");
        await page.GetByLabel("Currency").FillAsync("EUR");
        await page.GetByLabel("Date").FillAsync("2030-05-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Financial events" });
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Internet bill" })).ToBeVisibleAsync();
        await Assertions.Expect(table).ToContainTextAsync("EUR 39.99");

        await page.GetByRole(AriaRole.Link, new() { Name = "Google connection" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Not connected");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect Google Calendar" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Google Accounts"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Google Calendar connected" })).ToBeVisibleAsync();
        // Every connect waits for the go-ahead after its preview.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start syncing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The first sync has started" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToContainTextAsync("Connected");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sync status" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sync queued." })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Audit log" })).ToContainTextAsync("Connected Google Calendar");

        await page.GetByRole(AriaRole.Link, new() { Name = "Conflicts" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No open conflicts.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Sync activity in the last 24 hours", Exact = false })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/events");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
