using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using GoogleCalendarEmulator.Push;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>"Refresh from Google" on the event page in a real browser (<see cref="Chromium"/>); Google's own pushes
/// are dropped, so only the button can bring the Google edit in.</summary>
public sealed class EventRefreshBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("refresher@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Refresh_from_google_shows_the_google_edit_in_the_form()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        var id = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await _server.EmulatorAdmin.PatchEventAsPersonAsync("demo@example.com", "primary", GoogleEventId.FromFinancialEventId(id),
            new { summary = "Electricity bill (renamed in Google)" });
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, $"/events/{id}/edit");
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Electricity bill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh from Google" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Refreshed from Google Calendar." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Electricity bill (renamed in Google)");
        var stored = await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync();
        Assert.Equal("Electricity bill (renamed in Google)", (string?)stored["title"]);
    }
}
