using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The activity feed (Sync status) and the audit log in Debian's chromium: each line names the event by the
/// title it had at the time and says what happened; our own echoes are hidden until asked for.</summary>
public sealed class ActivityWordingBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 30_000 };

    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("activity-words@example.com");
        await _server.ConnectGoogleAsync(_user, googleAccount: "activity-words@example.com");
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_rename_in_google_reads_updated_with_the_title_it_had_then_even_after_a_later_rename_in_the_wallet()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);
        var id = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await page.SetViewportSizeAsync(1280, 900);
        await Chromium.SignInAsync(page, _user, "/sync");
        var activity = page.GetByRole(AriaRole.List, new() { Name = "Live activity" });
        await Assertions.Expect(activity.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Sent 'Rent' to Google" })).ToBeVisibleAsync(Patient);

        // A person renames it in Google; the push notification brings the change in while the page is open.
        await _server.EmulatorAdmin.PatchEventAsPersonAsync("activity-words@example.com", "primary", GoogleEventId.FromFinancialEventId(id),
            new { summary = "Flat rent" });
        var update = activity.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Updated 'Rent' from Google (renamed to 'Flat rent')" });
        await Assertions.Expect(update).ToBeVisibleAsync(Patient);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);

        // Renamed again in the wallet: history keeps the titles of its time.
        var body = EventBodies.Valid("Housing", 950m);
        (await _user.Client.PutJsonAsync($"api/events/{id}", body)).EnsureSuccessStatusCode();
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        await page.ReloadAsync();
        await Assertions.Expect(activity.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Sent 'Housing' to Google" })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(update).ToBeVisibleAsync();
        await Assertions.Expect(activity.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Sent 'Rent' to Google" })).ToBeVisibleAsync();
        await Assertions.Expect(activity).Not.ToContainTextAsync("Imported");
        await Assertions.Expect(activity).Not.ToContainTextAsync("Skipped");

        // Our own echoes are not audited at all (they are counted in aegis_sync_skipped_total{reason="echo"} instead,
        // issue 12), so the activity shows none, hidden or not.
        await Assertions.Expect(activity.Locator("li").Filter(new() { HasText = "echo" })).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "activity"));

        // The audit log names the event by its title at the time and keeps counts in Details, not in an error column.
        await page.GotoAsync("/audit");
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Audit log" });
        var renamed = log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Updated 'Rent' from Google" });
        await Assertions.Expect(renamed.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("Rent");
        await Assertions.Expect(renamed.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("renamed to 'Flat rent'");
        await Assertions.Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Checked Google for changes" }).First
            .GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ changes?$"));
        await Assertions.Expect(log).Not.ToContainTextAsync(id.ToString());
        await Assertions.Expect(log.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(["When (UTC)", "What happened", "Event", "Outcome", "Details", "Took"]);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "audit-log"));

        foreach (var path in new[] { "/sync", "/audit" })
        {
            await PageWidth.AssertNoSidewaysScrollAsync(page, path);
        }
        await page.GotoAsync("/sync");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "activity-375"));
    }
}
