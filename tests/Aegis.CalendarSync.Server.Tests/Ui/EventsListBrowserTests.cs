using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The events list as a finance user reads it in a real browser (<see cref="Chromium"/>): a series' "Next" is
/// the next occurrence still due (not one already paid or skipped), or "None left" once every one is settled; the
/// vocabulary reads as the form writes it ("Bill", "Pending", "Not synced"), in cells, pills, badges and filters.</summary>
public sealed class EventsListBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("events-list@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Next_is_the_next_occurrence_still_due_or_none_left()
    {
        var rent = await CreateSeriesAsync("Rent", "RRULE:FREQ=MONTHLY;COUNT=4");
        await SetAsync(rent, "2031-01-10", "paid");
        await SetAsync(rent, "2031-02-10", "skipped");
        var gym = await CreateSeriesAsync("Gym", "RRULE:FREQ=MONTHLY;COUNT=2");
        await SetAsync(gym, "2031-01-10", "paid");
        await SetAsync(gym, "2031-02-10", "paid");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);

        await Chromium.SignInAsync(page, _user, "/events");

        await Assertions.Expect(Cell(page, "Rent", "Next")).ToHaveTextAsync("3/10/2031");
        await Assertions.Expect(Cell(page, "Gym", "Next")).ToHaveTextAsync("None left");
    }

    [Fact]
    public async Task The_list_shows_the_same_words_for_types_and_statuses_as_the_form()
    {
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Electricity", 84.37m))).ReadJsonAsync(201);
        var salary = EventBodies.Valid("Salary", 3100m);
        salary["event_type"] = "income";
        salary["status"] = "paid";
        await (await _user.Client.PostJsonAsync("api/events", salary)).ReadJsonAsync(201);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);

        await Chromium.SignInAsync(page, _user, "/events");

        await Assertions.Expect(Cell(page, "Electricity", "Type")).ToHaveTextAsync("Bill");
        await Assertions.Expect(Cell(page, "Electricity", "Payment")).ToHaveTextAsync("Pending");
        await Assertions.Expect(Cell(page, "Salary", "Type")).ToHaveTextAsync("Income");
        await Assertions.Expect(Cell(page, "Salary", "Payment")).ToHaveTextAsync("Paid");
        await Assertions.Expect(Cell(page, "Salary", "Google Calendar").Locator("[data-sync-status]")).ToHaveTextAsync("Not synced: Google Calendar is not connected.");
        await Assertions.Expect(page.GetByLabel("Type").Locator("option")).ToHaveTextAsync(["All types", "Bill", "Income", "Expense", "Transfer", "Reminder"]);
        await Assertions.Expect(page.GetByLabel("Payment").Locator("option")).ToHaveTextAsync(["Any status", "Pending", "Paid", "Cancelled"]);
        await Assertions.Expect(page.GetByLabel("Google Calendar").Locator("option")).ToContainTextAsync(["Any sync state", "Synced", "Pending", "Not synced"]);
        output.WriteLine(await Chromium.ScreenshotAsync(page, "events-list-words"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Salary" }).ClickAsync();
        await Assertions.Expect(page.Locator("#type option:checked")).ToHaveTextAsync("Income");
        await Assertions.Expect(page.Locator("#status option:checked")).ToHaveTextAsync("Paid");
    }

    private static ILocator Cell(IPage page, string title, string column) =>
        page.Locator("tr[data-event-id]").Filter(new() { HasText = title }).Locator($"td[data-label='{column}']");

    private async Task<string> CreateSeriesAsync(string title, string rule)
    {
        var body = EventBodies.Valid(title, 950m);
        body["start_at"] = "2031-01-10T00:00:00+00:00";
        body["end_at"] = "2031-01-11T00:00:00+00:00";
        body["all_day"] = true;
        body["time_zone"] = "UTC";
        body["recurrence"] = rule;
        return (string)(await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201))["id"]!;
    }

    private async Task SetAsync(string id, string date, string status) =>
        await (await _user.Client.PatchJsonAsync($"api/events/{id}/occurrences/{date}", new { status })).ReadJsonAsync(200);
}
