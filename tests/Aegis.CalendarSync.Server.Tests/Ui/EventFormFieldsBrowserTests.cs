using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The event form in a real browser (<see cref="Chromium"/>) shows only the fields that apply: no start and
/// end time for an all-day bill (they would be ignored), no repeat details for a one-off, "Monthly on" only for a
/// monthly series, "Until" / "Times" only for the chosen end, the custom rule only for a custom repeat. Without
/// script too: the form's CSS follows the inputs' state.</summary>
public sealed class EventFormFieldsBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("form-fields@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Only_the_fields_that_apply_to_the_chosen_kind_of_event_are_shown()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);
        await Chromium.SignInAsync(page, _user, "/events/new");
        await Assertions.Expect(page.GetByLabel("All day")).ToBeCheckedAsync();
        await ExpectShownAsync(page, hidden: ["Start time", "End time", "Monthly on", "Ends", "Until", "Times", "Custom rule (RRULE)"]);

        await page.GetByLabel("All day").UncheckAsync();
        await ExpectShownAsync(page, shown: ["Start time", "End time"]);
        await page.GetByLabel("All day").CheckAsync();

        await page.GetByLabel("Repeats").SelectOptionAsync("Monthly");
        await ExpectShownAsync(page, shown: ["Monthly on", "Ends"], hidden: ["Until", "Times", "Custom rule (RRULE)"]);
        await page.GetByLabel("Ends").SelectOptionAsync("OnDate");
        await ExpectShownAsync(page, shown: ["Until"], hidden: ["Times"]);
        await page.GetByLabel("Ends").SelectOptionAsync("AfterCount");
        await ExpectShownAsync(page, shown: ["Times"], hidden: ["Until"]);

        await page.GetByLabel("Repeats").SelectOptionAsync("Weekly");
        await ExpectShownAsync(page, shown: ["Ends", "Times"], hidden: ["Monthly on"]);
        await page.GetByLabel("Repeats").SelectOptionAsync("Custom");
        await ExpectShownAsync(page, shown: ["Custom rule (RRULE)"], hidden: ["Monthly on", "Ends", "Until", "Times"]);
    }

    [Fact]
    public async Task A_saved_monthly_bill_of_twelve_payments_opens_with_its_count_shown()
    {
        var body = EventBodies.Valid("Car loan", 210m);
        body["recurrence"] = "RRULE:FREQ=MONTHLY;COUNT=12";
        var id = (string)(await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201))["id"]!;
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);

        await Chromium.SignInAsync(page, _user, $"/events/{id}/edit");
        await Assertions.Expect(page.GetByLabel("Times")).ToHaveValueAsync("12");
        await ExpectShownAsync(page, shown: ["Start time", "End time", "Monthly on", "Ends", "Times"], hidden: ["Until", "Custom rule (RRULE)"]);
    }

    private static async Task ExpectShownAsync(IPage page, string[]? shown = null, string[]? hidden = null)
    {
        foreach (var label in shown ?? [])
        {
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        foreach (var label in hidden ?? [])
        {
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToBeHiddenAsync();
        }
    }
}
