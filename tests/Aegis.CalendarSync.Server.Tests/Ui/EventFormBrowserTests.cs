using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The event form and list of a user who has not connected Google: field-level messages in plain words, the
/// time zone's error alone, money in the browser's locale, filters, and a confirmation before Delete.</summary>
public sealed class EventFormBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("form-browser@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Errors_are_shown_next_to_their_field_in_plain_words_and_nothing_is_saved()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);
        await Chromium.SignInAsync(page, _user, "/events/new");
        await page.GetByLabel("Title").FillAsync("Gym");
        await page.GetByLabel("Amount").FillAsync("30");
        await page.GetByLabel("All day").UncheckAsync();
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("End time").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var endError = page.Locator("#end_at-error");
        await Assertions.Expect(endError).ToHaveTextAsync("The end must be after the start.");
        await Assertions.Expect(page.GetByLabel("End time")).ToHaveAttributeAsync("aria-describedby", "end_at-error");
        await Assertions.Expect(page.GetByLabel("End time")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("end_at");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(1);

        // A zone the picker does not offer (a hand-made post): only the time zone is reported.
        await page.GetByLabel("End time").FillAsync("11:00");
        await page.EvaluateAsync("() => document.getElementById('time-zone').add(new Option('Mars/Olympus_Mons', 'Mars/Olympus_Mons', true, true))");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#time_zone-error")).ToHaveTextAsync("Choose a time zone from the list (an IANA name such as Europe/Lisbon).");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(1);

        // 10.123 EUR: the browser's own step check is bypassed to reach the server's rule.
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/Berlin");
        await page.EvaluateAsync("() => { const a = document.getElementById('amount'); a.step = 'any'; a.form.noValidate = true; }");
        await page.GetByLabel("Amount").FillAsync("10.123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#amount-error")).ToHaveTextAsync("EUR amounts have at most 2 decimal places.");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(1);

        Assert.Empty((await (await _user.Client.GetAsync("api/events")).ReadJsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task A_save_without_google_does_not_promise_a_sync_and_delete_asks_first()
    {
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Priced(1234.5m, "EUR"))).ReadJsonAsync(201);
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Priced(50000m, "JPY"))).ReadJsonAsync(201);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900, locale: "de-DE");
        await Chromium.SignInAsync(page, _user, "/events/new");
        await page.GetByLabel("Title").FillAsync("Salary");
        await page.GetByLabel("Type").SelectOptionAsync("Income");
        await page.GetByLabel("Amount").FillAsync("3100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Event saved." })).ToHaveTextAsync("Event saved.");
        var rows = page.Locator("tr[data-event-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Filter(new() { HasText = "Salary" })).ToContainTextAsync(new System.Text.RegularExpressions.Regex("3\\.100,00\\s€"));
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("50\\.000\\sJPY"));
        await Assertions.Expect(rows.Filter(new() { HasText = "Salary" }).Locator("[data-sync-status]")).ToHaveAttributeAsync("title", "Google Calendar is not connected.");

        await page.GetByLabel("Type").SelectOptionAsync("income");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("Search titles").FillAsync("nothing like this");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No events match these filters.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Salary" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Delete “Salary”?" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Salary" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete “Salary”" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Event deleted." })).ToHaveTextAsync("Event deleted. Restore it from the Trash");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "Salary" })).ToHaveCountAsync(0);
    }
}
