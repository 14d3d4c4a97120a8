using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Faults;
using Microsoft.Playwright;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The dead letters on the sync status page in a real browser (<see cref="Chromium"/>): each row names its
/// event and says why in plain words (no exception type), and "Retry all" asks first, with the count, then sends
/// every one back to the queue, which pushes them to Google.</summary>
public sealed class DeadLetterBrowserTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("retrier@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Retry_all_asks_with_the_count_then_every_dead_letter_reaches_google()
    {
        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 2, Status: 400, Reason: "invalid", Method: "POST", PathContains: "/events"));
        var ids = new List<Guid>();
        foreach (var title in new[] { "Electricity bill", "Phone bill" })
        {
            var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid(title))).ReadJsonAsync(201);
            ids.Add(Guid.Parse((string)created["id"]!));
        }
        await Eventually.TrueAsync(async () =>
            (await _server.Get<ISyncQueueStore>().ListAsync(_user.Id, QueueStatus.Failed, 10, CancellationToken.None)).Count == 2,
            "both pushes to be dead-lettered");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/sync");
        var deadLetters = page.GetByRole(AriaRole.Table, new() { Name = "Changes that could not be synced" });
        await Assertions.Expect(deadLetters.GetByRole(AriaRole.Row).Filter(new() { HasText = "'Electricity bill'" })).ToContainTextAsync("Google rejected this event as invalid.");
        await Assertions.Expect(deadLetters.GetByRole(AriaRole.Row).Filter(new() { HasText = "'Phone bill'" })).ToContainTextAsync("Send to Google");
        await Assertions.Expect(deadLetters).Not.ToContainTextAsync("Exception");

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry all (2)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retry-all-confirmation")).ToContainTextAsync("Retry all 2 failed changes now?");
        Assert.Equal(2, (await _server.Get<ISyncQueueStore>().ListAsync(_user.Id, QueueStatus.Failed, 10, CancellationToken.None)).Count);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, retry all 2" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "2 failed changes queued again." })).ToBeVisibleAsync();
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var google = _server.Get<Google.IGoogleCalendarClient>();
        foreach (var id in ids)
        {
            var remote = await google.GetEventAsync(new Google.GoogleAccount(_user.Id), "primary", GoogleEventId.FromFinancialEventId(id), CancellationToken.None);
            Assert.False(remote.IsCancelled);
        }
        await page.GotoAsync("/sync");
        await Assertions.Expect(page.GetByText("No failed items.")).ToBeVisibleAsync();
    }
}
