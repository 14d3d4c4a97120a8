using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>A bill's date reads as the day it falls on in its own time zone, in the browser's date format, on every
/// page that lists it (real browser, <see cref="Chromium"/>): a bill at 00:30 in Berlin on 11 March is due on
/// 11.03.2030 for a German reader, in the Trash and in a series' occurrence list too, never on the UTC day before
/// (10 March, 23:30 UTC) nor as an ISO date.</summary>
public sealed class LocalDatesBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("local.dates@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("de-DE", "11.03.2030", "11.04.2030")]
    [InlineData("en-US", "3/11/2030", "4/11/2030")]
    public async Task A_bill_after_midnight_in_berlin_is_due_on_its_local_day_in_the_trash_and_the_occurrence_list(
        string locale, string due, string april)
    {
        var series = await CreateAsync("Flat rent", "RRULE:FREQ=MONTHLY;COUNT=3");
        var single = await CreateAsync("Night tariff", null);
        (await _user.Client.DeleteAsync($"api/events/{single}")).EnsureSuccessStatusCode();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900, locale: locale);

        await Chromium.SignInAsync(page, _user, $"/events/{series}/edit");
        var occurrences = page.GetByRole(AriaRole.Table, new() { Name = "Occurrences" });
        await Assertions.Expect(occurrences.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Occurrence 2030-03-11" }).Locator("td").First).ToHaveTextAsync(due);
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Occurrence 2030-04-11" }).Locator("td").First).ToHaveTextAsync(april);
        output.WriteLine("Occurrences: " + await Chromium.ScreenshotAsync(page, $"occurrence-dates-{locale}"));

        await page.GotoAsync("/trash");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Deleted events" }).Locator("tbody tr").Filter(new() { HasText = "Night tariff" });
        await Assertions.Expect(row.Locator("td[data-label=Due]")).ToHaveTextAsync(due);
        await Assertions.Expect(row.Locator("td[data-label=Deleted]")).ToContainTextAsync("in Aegis, ");
        await Assertions.Expect(row.Locator("td[data-label=Deleted]")).ToContainTextAsync(" UTC");
        await Assertions.Expect(row.Locator("td[data-label=Deleted]")).Not.ToContainTextAsync("Z");
        output.WriteLine("Trash: " + await Chromium.ScreenshotAsync(page, $"trash-dates-{locale}"));
    }

    [Fact]
    public async Task An_occurrence_of_a_timed_income_series_is_named_by_its_local_date_and_time_not_a_utc_instant()
    {
        var salary = await CreateAsync("Salary", "RRULE:FREQ=MONTHLY;COUNT=3", "income");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900, locale: "de-DE");

        await Chromium.SignInAsync(page, _user, $"/events/{salary}/edit");
        var row = page.GetByRole(AriaRole.Row, new() { Name = "Occurrence 2030-04-11 00:30" });
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync("11.04.2030 00:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark 2030-04-11 00:30 paid" }).ClickAsync();

        var saved = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Occurrence 2030-04-11 00:30 saved (paid)" });
        await Assertions.Expect(saved).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark 2030-04-11 00:30 unpaid" })).ToBeVisibleAsync();
        Assert.DoesNotMatch(@"\dT\d|\dZ", await saved.InnerTextAsync());
        var occurrence = await (await _user.Client.GetAsync($"api/events/{salary}/occurrences?from=2030-04-01T00:00:00Z&to=2030-05-01T00:00:00Z")).ReadJsonAsync();
        Assert.Contains("\"paid\"", occurrence.ToJsonString());
        output.WriteLine("Salary occurrences: " + await Chromium.ScreenshotAsync(page, "occurrence-timed-de-DE"));
    }

    /// <summary>An event at 00:30 Berlin time (CET, UTC+1) on 11 March 2030: 23:30 UTC on 10 March.</summary>
    private async Task<string> CreateAsync(string title, string? recurrence, string type = "bill")
    {
        var body = EventBodies.Valid(title, 950m);
        body["event_type"] = type;
        body["start_at"] = "2030-03-10T23:30:00+00:00";
        body["end_at"] = "2030-03-11T00:30:00+00:00";
        body["time_zone"] = "Europe/Berlin";
        body["recurrence"] = recurrence;
        return (string)(await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201))["id"]!;
    }
}
