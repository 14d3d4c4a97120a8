using Aegis.CalendarSync.Server.Components.Pages;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.State;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Choosing the sync calendar on the Google connection page in a real browser (<see cref="Chromium"/>).</summary>
public sealed class CalendarChoiceBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("chooser@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task User_picks_a_shared_calendar_then_creates_a_dedicated_one()
    {
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var family = await _server.EmulatorAdmin.AddSharedCalendarAsync("demo@example.com", "Family", CalendarAccessRoles.Writer);
        await _server.EmulatorAdmin.AddSharedCalendarAsync("demo@example.com", "Holidays", CalendarAccessRoles.Reader);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/google");
        var select = page.GetByLabel("Calendar", new() { Exact = true });
        await Assertions.Expect(select.Locator("option")).ToHaveTextAsync(["demo@example.com (primary)", "Family (shared, writer)"]);
        await select.SelectOptionAsync(new SelectOptionValue { Label = "Family (shared, writer)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this calendar" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sync now uses this calendar" })).ToBeVisibleAsync();
        Assert.Equal(family.Id, (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!.CalendarId);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create a dedicated Aegis calendar" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = GoogleConnection.DedicatedCalendarSummary })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Calendar", new() { Exact = true }).Locator("option:checked"))
            .ToHaveTextAsync(GoogleConnection.DedicatedCalendarSummary);
        var settings = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        Assert.EndsWith("@group.calendar.google.com", settings!.CalendarId);
        Assert.NotEqual(family.Id, settings.CalendarId);
    }
}
