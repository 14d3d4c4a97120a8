using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Debian's chromium (never a downloaded browser) driven by Playwright. A missing chromium fails the test:
/// the UI is part of the product.</summary>
public sealed class Chromium : IAsyncDisposable
{
    private static readonly string ExecutablePath = Environment.GetEnvironmentVariable("AEGIS_CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Chromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium not found at {ExecutablePath}: apt-get install -y chromium (or set AEGIS_CHROMIUM_PATH).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A page on <paramref name="server"/>; <paramref name="permissions"/> grants browser permissions such as
    /// "clipboard-read".</summary>
    public Task<IPage> NewPageAsync(TestServerHost server, params string[] permissions) => NewPageAsync(server.BaseUri, permissions);

    /// <summary>A page on any site, e.g. the emulator's Google-side page.</summary>
    public Task<IPage> NewPageAsync(Uri baseUri, params string[] permissions) =>
        _browser.NewPageAsync(new() { BaseURL = baseUri.AbsoluteUri, Permissions = permissions });

    /// <summary>A page on <paramref name="server"/> with a viewport of <paramref name="width"/> × <paramref name="height"/>
    /// CSS pixels, the browser's language <paramref name="locale"/> (Accept-Language) and time zone.</summary>
    public Task<IPage> NewPageAsync(TestServerHost server, int width, int height, string locale = "en-US", string timeZone = "Europe/Lisbon") =>
        NewPageAsync(server.BaseUri, width, height, locale, timeZone);

    /// <summary>A page on any site (e.g. the emulator's Google-side page) with that viewport, language and time zone.</summary>
    public Task<IPage> NewPageAsync(Uri baseUri, int width, int height, string locale = "en-US", string timeZone = "Europe/Lisbon") =>
        _browser.NewPageAsync(new()
        {
            BaseURL = baseUri.AbsoluteUri,
            ViewportSize = new() { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });

    /// <summary>Saves a full-page PNG under {test output}/screenshots and returns its path (tests print it).</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in form and signs in as <paramref name="user"/>.</summary>
    public static async Task SignInAsync(IPage page, TestUser user, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(user.Account.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
