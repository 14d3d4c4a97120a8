using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>A monthly bill made with the recurrence editor in a real browser (<see cref="Chromium"/>), one occurrence
/// marked paid in the occurrence list, and Google's instance of that month showing it (read from the emulator).</summary>
public sealed class RecurringBillBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("recurring@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Monthly_bill_from_the_recurrence_editor_with_one_month_marked_paid_shows_it_in_google()
    {
        var first = new DateOnly(DateTime.UtcNow.Year + 1, 1, 1);
        var march = first.AddMonths(2).ToString("yyyy-MM-dd");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/events/new");
        await page.GetByLabel("Title").FillAsync("Rent");
        await page.GetByLabel("Type").SelectOptionAsync("Bill");
        await page.GetByLabel("Amount").FillAsync("950");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(first.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Time zone").SelectOptionAsync("UTC");
        await page.GetByLabel("Repeats").SelectOptionAsync("Monthly");
        await page.GetByLabel("Ends").SelectOptionAsync("AfterCount");
        await page.GetByLabel("Times").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Event saved" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Rent" })).ToContainTextAsync(first.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        var listed = await (await _user.Client.GetAsync("api/events")).ReadJsonAsync();
        var item = Assert.Single(listed["items"]!.AsArray())!;
        Assert.Equal("RRULE:FREQ=MONTHLY;COUNT=12", (string?)item["recurrence"]);
        var id = Guid.Parse((string)item["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        await page.GotoAsync($"/events/{id}/edit");
        await Assertions.Expect(page.GetByLabel("Repeats")).ToHaveValueAsync("Monthly");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Occurrences" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(13);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Mark {march} paid" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Occurrence {march} saved (paid)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = $"Occurrence {march}" })).ToContainTextAsync("paid");
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var google = _server.Get<IGoogleCalendarClient>();
        var masterId = GoogleEventId.FromFinancialEventId(id);
        var instance = await google.GetEventAsync(new GoogleAccount(_user.Id), "primary", $"{masterId}_{march.Replace("-", "")}", CancellationToken.None);
        Assert.StartsWith(SummaryFormat.PaidMarker, instance.Summary);
        Assert.Equal("paid", instance.GetPrivateProperty(AegisProperties.Status));
        var april = await google.GetEventAsync(new GoogleAccount(_user.Id), "primary", $"{masterId}_{first.AddMonths(3):yyyyMMdd}", CancellationToken.None);
        Assert.Equal("pending", april.GetPrivateProperty(AegisProperties.Status));
        var master = await google.GetEventAsync(new GoogleAccount(_user.Id), "primary", masterId, CancellationToken.None);
        Assert.Equal(["RRULE:FREQ=MONTHLY;COUNT=12"], master.Recurrence);
    }
}
