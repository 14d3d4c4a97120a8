using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Issue 10 in a real browser: with the Content-Security-Policy, the cross-site guard and antiforgery on, signing
/// in, connecting Google through the consent page, enhanced navigation, the live EventSource script, the forms and
/// signing out all work, and the browser reports no policy violation.</summary>
public sealed class SecurityPolicyBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync(new TestServerOptions { Settings = { ["Emulator:AutoApprove"] = "false" } });
        _user = await _server.CreateUserAsync("csp-browser@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_page_works_under_the_security_policy_without_a_violation()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                violations.Add(message.Text);
        };

        await Chromium.SignInAsync(page, _user, "/google");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Not connected");
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect Google Calendar" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Google Calendar connected" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start syncing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The first sync has started" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToContainTextAsync("Connected as demo@example.com");

        await page.GetByRole(AriaRole.Button, new() { Name = "Renew push channel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Push channel renewed." })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sync status" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sync queued." })).ToBeVisibleAsync();

        foreach (var (link, heading) in new[] { ("Events", "Financial events"), ("Conflicts", "Conflicts"), ("Audit log", "Audit log"), ("Dashboard", "Dashboard") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync("live");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(violations);
    }
}
