using System.Text.RegularExpressions;
using Aegis.CalendarSync.Application.Events;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The audit log in a real browser (<see cref="Chromium"/>) in a finance user's words: skipping one month of a
/// bill, here or in Google, reads as a skip (never "deleted", which would make a reader fear the bill is gone), and
/// every action of the filter has a name for people, not a program's identifier.</summary>
public sealed partial class AuditWordingBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("audit-words@example.com");
        await _server.ConnectGoogleAsync(_user, googleAccount: "audit-words@example.com");
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_month_skipped_here_or_in_google_reads_as_skipped_in_the_audit_log()
    {
        var monthly = EventBodies.Valid("Internet", 39.99m);
        monthly["recurrence"] = "RRULE:FREQ=MONTHLY;COUNT=6";
        var id = Guid.Parse((string)(await (await _user.Client.PostJsonAsync("api/events", monthly)).ReadJsonAsync(201))["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        (await _user.Client.DeleteAsync($"api/events/{id}/occurrences/2030-04-10")).EnsureSuccessStatusCode();
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var series = (await _server.Get<EventCommands>().GetAsync(_user.Id, id, CancellationToken.None))!;
        await _server.EmulatorAdmin.DeleteEventAsPersonAsync("audit-words@example.com", "primary",
            GoogleInstanceId.For(GoogleEventId.FromFinancialEventId(id), series, series.StartAt.AddMonths(2)));
        await Eventually.TrueAsync(async () =>
                (await (await _user.Client.GetAsync($"api/events/{id}/occurrences")).ReadJsonAsync()).ToJsonString().Split("\"skipped\"").Length == 3,
            "Google's deleted May occurrence to be skipped in the wallet");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server, 1280, 900);

        await Chromium.SignInAsync(page, _user, "/audit");
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Audit log" });
        await Assertions.Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Skipped an occurrence of 'Internet': removed it from Google Calendar" })).ToBeVisibleAsync();
        await Assertions.Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Skipped an occurrence of 'Internet': deleted in Google" })).ToBeVisibleAsync();
        await Assertions.Expect(log).Not.ToContainTextAsync("Deleted an occurrence");
        await Assertions.Expect(log).Not.ToContainTextAsync("Removed an occurrence");
        output.WriteLine("Audit log: " + await Chromium.ScreenshotAsync(page, "audit-skips"));

        var actions = await page.GetByLabel("Action").Locator("option").AllInnerTextsAsync();
        Assert.Contains("Account created", actions);
        Assert.Contains("Failed change cleared", actions);
        Assert.Contains("Failed change retried", actions);
        Assert.All(actions, a => Assert.DoesNotMatch(Identifier(), a));
    }

    /// <summary>A PascalCase identifier such as "SignUp" or "DeadLetterResolved".</summary>
    [GeneratedRegex("^[A-Z][a-z]+[A-Z]")]
    private static partial Regex Identifier();
}
