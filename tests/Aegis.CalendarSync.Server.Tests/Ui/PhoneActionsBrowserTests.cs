using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>On a phone (375 px, <see cref="PageWidth.Phone"/>) in a real browser (<see cref="Chromium"/>), the buttons
/// that act on money are on the screen and work: a monthly bill's "Mark paid" / "Skip" / "Move" of each occurrence,
/// and "Restore" in the Trash. (A page that merely does not scroll sideways can still clip them off its edge.)</summary>
public sealed class PhoneActionsBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("phone.payer@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task On_a_phone_each_occurrence_of_a_monthly_bill_can_be_marked_paid_skipped_and_moved()
    {
        var monthly = EventBodies.Valid("Internet", 39.99m);
        monthly["recurrence"] = "RRULE:FREQ=MONTHLY;COUNT=6";
        var id = (string)(await (await _user.Client.PostJsonAsync("api/events", monthly)).ReadJsonAsync(201))["id"]!;
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, PageWidth.Phone, 812);

        await Chromium.SignInAsync(page, _user, $"/events/{id}/edit");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Occurrences" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(7);
        foreach (var name in new[] { "Mark 2030-04-10 paid", "Skip 2030-04-10", "New date for 2030-04-10", "Move 2030-04-10" })
        {
            await AssertOnScreenAsync(page, page.GetByLabel(name, new() { Exact = true }), name);
        }

        var (scrollWidth, innerWidth) = await PageWidth.WidthsAsync(page);
        Assert.True(scrollWidth <= innerWidth, $"the editor is {scrollWidth} px wide in a {innerWidth} px viewport");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "occurrences-375"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark 2030-04-10 paid" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Occurrence 2030-04-10 saved (paid)" })).ToBeVisibleAsync();
        await AssertOnScreenAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Mark 2030-04-10 unpaid" }), "Mark unpaid");
    }

    [Fact]
    public async Task On_a_phone_a_deleted_bill_can_be_restored_from_the_trash()
    {
        var id = (string)(await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Electricity and gas for the flat", 184.37m))).ReadJsonAsync(201))["id"]!;
        (await _user.Client.DeleteAsync($"api/events/{id}")).EnsureSuccessStatusCode();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, PageWidth.Phone, 812);

        await Chromium.SignInAsync(page, _user, "/trash");
        var restore = page.GetByRole(AriaRole.Button, new() { Name = "Restore Electricity and gas for the flat" });
        await AssertOnScreenAsync(page, restore, "Restore");
        var (scrollWidth, innerWidth) = await PageWidth.WidthsAsync(page);
        Assert.True(scrollWidth <= innerWidth, $"the Trash is {scrollWidth} px wide in a {innerWidth} px viewport");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "trash-375"));
        await restore.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Restored \"Electricity and gas for the flat\"" })).ToBeVisibleAsync();
        Assert.Equal(200, (int)(await _user.Client.GetAsync($"api/events/{id}")).StatusCode);
    }

    /// <summary>The control is visible and lies wholly inside the viewport's width as the page opens (nothing scrolled
    /// sideways), not cut off by a box around it that scrolls or clips.</summary>
    private static async Task AssertOnScreenAsync(IPage page, ILocator control, string what)
    {
        await Assertions.Expect(control).ToBeVisibleAsync();
        var box = await control.BoundingBoxAsync();
        var (_, innerWidth) = await PageWidth.WidthsAsync(page);
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= innerWidth,
            $"{what} spans x = {box?.X:0}..{box?.X + box?.Width:0} px in a {innerWidth} px viewport");
        var clipped = await control.EvaluateAsync<bool>(
            """
            e => {
              const r = e.getBoundingClientRect();
              for (let p = e.parentElement; p; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (s.overflowX === 'visible') continue;
                const q = p.getBoundingClientRect();
                if (r.left < q.left - 1 || r.right > q.right + 1) return true;
              }
              return false;
            }
            """);
        Assert.False(clipped, $"{what} is cut off by the box around it");
    }
}
