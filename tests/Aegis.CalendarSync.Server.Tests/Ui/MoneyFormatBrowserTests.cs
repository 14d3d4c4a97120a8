using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>One money format on every page (<see cref="Application.Events.MoneyText"/>), in a real browser
/// (<see cref="Chromium"/>) against the real server: an amount reads the same on the Events page and in the Trash, in
/// the browser's language, with the currency's own digits (JPY none, KWD three). The Conflicts page's comparison is
/// checked in <see cref="ConflictsBrowserTests"/>.</summary>
public sealed class MoneyFormatBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("money.reader@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("en-US", "EUR 30.00", "JPY 5,000", "KWD 12.345")]
    [InlineData("de-DE", "30,00 €", "5.000 JPY", "12,345 KWD")]
    public async Task An_amount_reads_the_same_on_the_events_page_and_in_the_trash_in_the_browsers_language(
        string locale, string euros, string yen, string dinars)
    {
        await CreateAsync("Gym", 30m, "EUR");
        await CreateAsync("Hotel Tokyo", 5000m, "JPY");
        var dinarsId = await CreateAsync("Kuwait visa", 12.345m, "KWD");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900, locale: locale);

        await Chromium.SignInAsync(page, _user, "/events");
        var rows = page.Locator("tr[data-event-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(Amount(rows, "Gym")).ToHaveTextAsync(euros);
        await Assertions.Expect(Amount(rows, "Hotel Tokyo")).ToHaveTextAsync(yen);
        await Assertions.Expect(Amount(rows, "Kuwait visa")).ToHaveTextAsync(dinars);
        output.WriteLine("Events page: " + await Chromium.ScreenshotAsync(page, $"money-events-{locale}"));

        (await _user.Client.DeleteAsync($"api/events/{dinarsId}")).EnsureSuccessStatusCode();
        await page.GotoAsync("/trash");
        var trashed = page.Locator("tbody tr").Filter(new() { HasText = "Kuwait visa" });
        await Assertions.Expect(trashed.Locator("td").Nth(1)).ToHaveTextAsync(dinars);
        output.WriteLine("Trash page: " + await Chromium.ScreenshotAsync(page, $"money-trash-{locale}"));
    }

    /// <summary>The amount cell of the row titled <paramref name="title"/>, its spaces as a person reads them.</summary>
    private static ILocator Amount(ILocator rows, string title) =>
        rows.Filter(new() { HasText = title }).Locator("td[data-label=Amount]");

    private async Task<string> CreateAsync(string title, decimal amount, string currency)
    {
        var body = EventBodies.Priced(amount, currency);
        body["title"] = title;
        return (string)(await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201))["id"]!;
    }
}
