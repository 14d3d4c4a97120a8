using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The event form's time-zone picker in a real browser (<see cref="Chromium"/>) labels each zone with the
/// offset it has on the event's date: a Dublin bill in January is at "UTC" (GMT), one in July at "UTC+01:00" (IST);
/// the base offset .NET reports for Dublin (+01:00, its negative DST) labelled both "+01:00".</summary>
public sealed class TimeZoneLabelBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("dublin@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_dublin_event_is_labelled_with_dublins_offset_on_its_own_date()
    {
        var winter = await CreateAsync("Gas bill", "2031-01-15T09:00:00+00:00");
        var summer = await CreateAsync("Water bill", "2031-07-15T09:00:00+01:00");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, $"/events/{winter}/edit");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Dublin");
        await Assertions.Expect(page.Locator("#time-zone option:checked")).ToHaveTextAsync("Europe/Dublin (UTC)");
        await Assertions.Expect(page.Locator("#time-zone option[value='Europe/Berlin']")).ToHaveTextAsync("Europe/Berlin (UTC+01:00)");
        await Assertions.Expect(page.Locator("#start-time")).ToHaveValueAsync("09:00:00");

        await page.GotoAsync($"/events/{summer}/edit");
        await Assertions.Expect(page.Locator("#time-zone option:checked")).ToHaveTextAsync("Europe/Dublin (UTC+01:00)");
        await Assertions.Expect(page.Locator("#time-zone option[value='America/New_York']")).ToHaveTextAsync("America/New_York (UTC−04:00)");
        await Assertions.Expect(page.Locator("#start-time")).ToHaveValueAsync("09:00:00");
    }

    private async Task<string> CreateAsync(string title, string start)
    {
        var body = EventBodies.Valid(title, 60m);
        body["start_at"] = start;
        body["end_at"] = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddHours(1).ToString("O");
        body["time_zone"] = "Europe/Dublin";
        return (string)(await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201))["id"]!;
    }
}
