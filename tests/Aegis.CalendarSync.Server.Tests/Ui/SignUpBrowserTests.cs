using Xunit.Abstractions;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Sign-up in a real browser (<see cref="Chromium"/>): from the sign-in page's link, a too-short password is
/// refused with the rule in plain words, then the account is created and the browser lands signed in on the
/// dashboard; the session is checked over HTTP with the shared <see cref="BrowserSession"/> too.</summary>
public sealed class SignUpBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "plenty of words make it strong";
    private TestServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServerHost.StartAsync(new TestServerOptions { Settings = { ["Accounts:AllowSignUp"] = "true" } });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_person_signs_up_from_the_sign_in_page_and_lands_signed_in()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#password-rule")).ToContainTextAsync("At least 12 characters");

        await page.GetByLabel("Email").FillAsync("ines@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short one");
        await page.GetByLabel("Confirm password").FillAsync("short one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The password must be 12 to 256 characters.")).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "sign-up-refused"));

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.WaitForURLAsync(_server.BaseUri.AbsoluteUri);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("ines@example.com").First).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "sign-up-signed-in"));

        // The new account signs in anywhere with its password.
        using var session = BrowserSession.Anonymous(_server);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await session.SubmitLoginAsync("ines@example.com", Password)).StatusCode);
    }
}
