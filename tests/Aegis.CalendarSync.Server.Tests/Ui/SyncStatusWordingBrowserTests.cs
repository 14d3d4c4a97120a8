using System.Text.RegularExpressions;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The Sync status page and the dashboard in a real browser (<see cref="Chromium"/>) speak to a finance user,
/// not an operator: no "queue", "dead letter", "lease" or "etag"; an empty list says so instead of showing bare column
/// headings; times read in the browser's format with their zone, never as a machine's "2026-12-01 19:19:13Z".</summary>
public sealed partial class SyncStatusWordingBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;

    public async Task InitializeAsync() => _server = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_user_sees_plain_words_and_an_empty_state_on_sync_status_and_the_dashboard()
    {
        var user = await _server.CreateUserAsync("new.saver@example.com");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);

        await Chromium.SignInAsync(page, user, "/sync");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Changes that could not be synced" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Nothing is waiting to sync.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await AssertPlainWordsAsync(page, "/sync");
        output.WriteLine("Sync status: " + await Chromium.ScreenshotAsync(page, "sync-status-empty"));

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("figure-queue")).ToContainTextAsync("nothing waiting");
        await AssertPlainWordsAsync(page, "/");
    }

    [Fact]
    public async Task A_synced_bill_is_listed_as_done_with_a_readable_time()
    {
        var user = await _server.CreateUserAsync("synced.saver@example.com");
        await _server.ConnectGoogleAsync(user);
        await (await user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, user.Id);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900, locale: "de-DE");

        await Chromium.SignInAsync(page, user, "/sync");
        var recent = page.GetByRole(AriaRole.Table, new() { Name = "Recent changes" });
        var rent = recent.GetByRole(AriaRole.Row).Filter(new() { HasText = "'Rent'" });
        await Assertions.Expect(rent).ToContainTextAsync("Send to Google");
        await Assertions.Expect(rent.Locator("td[data-label=State]")).ToHaveTextAsync("done");
        await Assertions.Expect(rent.Locator("td[data-label=When]")).ToHaveTextAsync(DoneAt());
        await Assertions.Expect(page.Locator("[data-queue-status=completed]")).ToContainTextAsync("done:");
        await AssertPlainWordsAsync(page, "/sync");
        output.WriteLine("Sync status: " + await Chromium.ScreenshotAsync(page, "sync-status-done"));
    }

    private static async Task AssertPlainWordsAsync(IPage page, string path)
    {
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var pattern in new[] { Jargon(), MachineTime() })
        {
            var found = pattern.Match(text);
            Assert.False(found.Success, $"{path} says \"{found.Value}\"");
        }
    }

    [GeneratedRegex(@"\bqueue\b|dead.letter|\blease|\betag|\bpending:|\bprocessing:|\bcompleted:", RegexOptions.IgnoreCase)]
    private static partial Regex Jargon();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?Z")]
    private static partial Regex MachineTime();

    /// <summary>"done 01.12.2026 19:19 UTC" (de-DE short date and time).</summary>
    [GeneratedRegex(@"^done \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} UTC$")]
    private static partial Regex DoneAt();
}
