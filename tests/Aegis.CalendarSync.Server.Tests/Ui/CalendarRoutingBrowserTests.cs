using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.State;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>Routing kinds of events to several calendars on the Google connection page in a real browser
/// (<see cref="Chromium"/>): bills to a new calendar, income to a shared one, the others kept on the primary one.</summary>
public sealed class CalendarRoutingBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Account = "demo@example.com";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("router@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task User_sends_bills_to_a_new_calendar_and_income_to_a_shared_one_and_the_bill_moves_there()
    {
        await _server.ConnectGoogleAsync(_user, importForeignEvents: false);
        var bill = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Electricity"))).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var family = await _server.EmulatorAdmin.AddSharedCalendarAsync(Account, "Family budget", CalendarAccessRoles.Writer);
        await _server.EmulatorAdmin.AddSharedCalendarAsync(Account, "Holidays", CalendarAccessRoles.Reader);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await page.SetViewportSizeAsync(1280, 900);

        await Chromium.SignInAsync(page, _user, "/google");
        var bills = page.GetByLabel("Bills go to");
        await Assertions.Expect(bills.Locator("option")).ToHaveTextAsync([$"{Account} (primary)", "Family budget", "A new calendar (named below)"]);
        await Assertions.Expect(bills.Locator("option:checked")).ToHaveTextAsync($"{Account} (primary)");
        await bills.SelectOptionAsync(new SelectOptionValue { Label = "A new calendar (named below)" });
        await page.GetByLabel("Name of the new calendar").FillAsync("Bills");
        await page.GetByLabel("Income goes to").SelectOptionAsync(new SelectOptionValue { Label = "Family budget" });
        await page.GetByLabel("Events people add to Family budget become financial events").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save calendars" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("routing-message")).ToContainTextAsync("nothing is deleted from your wallet");
        await Assertions.Expect(page.GetByLabel("Bills go to").Locator("option:checked")).ToHaveTextAsync("Bills");
        await Assertions.Expect(page.GetByLabel("Income goes to").Locator("option:checked")).ToHaveTextAsync("Family budget");
        await Assertions.Expect(page.GetByLabel("Expenses go to").Locator("option:checked")).ToHaveTextAsync($"{Account} (primary)");
        var inUse = page.GetByTestId("synced-calendars");
        await Assertions.Expect(inUse.Locator("li")).ToHaveCountAsync(3);
        await Assertions.Expect(inUse).ToContainTextAsync("Bills: Bills");
        await Assertions.Expect(inUse).ToContainTextAsync("Family budget: Income · events added there come into the wallet");
        await Assertions.Expect(inUse).ToContainTextAsync("Expenses, Transfers, Reminders");
        await Assertions.Expect(page.GetByLabel("Events people add to Holidays become financial events")).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "calendar-routing"));

        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var mapping = (await _server.Get<IMappingStore>().GetByEventAsync(_user.Id, Guid.Parse((string)bill["id"]!), CancellationToken.None))!;
        var billsCalendar = (await _server.Get<ISyncedCalendarStore>().ListAsync(_user.Id, CancellationToken.None))
            .Single(c => c.EventTypes.Contains(EventType.Bill));
        Assert.Equal(billsCalendar.CalendarId, mapping.GoogleCalendarId);
        Assert.Equal(family.Id, (await _server.Get<ISyncedCalendarStore>().ListAsync(_user.Id, CancellationToken.None))
            .Single(c => c.EventTypes.Contains(EventType.Income)).CalendarId);
        var there = await _server.EmulatorAdmin.ListEventsAsPersonAsync(Account, billsCalendar.CalendarId);
        Assert.Contains(there.Items, e => e.Id == GoogleEventId.FromFinancialEventId(Guid.Parse((string)bill["id"]!)));

        await PageWidth.AssertNoSidewaysScrollAsync(page, "/google");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "calendar-routing-375"));
    }

    [Fact]
    public async Task A_refused_routing_is_explained_in_plain_words_and_changes_nothing()
    {
        await _server.ConnectGoogleAsync(_user, importForeignEvents: false);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/google");
        await page.GetByLabel("Bills go to").SelectOptionAsync(new SelectOptionValue { Label = "A new calendar (named below)" });
        await page.GetByLabel("Name of the new calendar").FillAsync(" ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save calendars" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("routing-message")).ToContainTextAsync("A new calendar needs a name");
        await Assertions.Expect(page.GetByTestId("routing-message")).ToContainTextAsync("Nothing was changed.");
        Assert.Empty(await _server.Get<ISyncedCalendarStore>().ListAsync(_user.Id, CancellationToken.None));
    }
}
