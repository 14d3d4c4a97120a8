using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The emulator's "Google side" page (/emulator/ui) in a real browser: a person edits an event, moves one
/// occurrence of a series and deletes an event, and Google's API shows each change.</summary>
public sealed class GoogleSidePageBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Account = "demo@example.com";
    private EmulatorHost _emulator = null!;
    private HttpClient _http = null!;
    private EmulatorAdminClient _admin = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { AutoApprove = true });
        _http = new HttpClient { BaseAddress = _emulator.BaseUri };
        _admin = new EmulatorAdminClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_timed_event_reads_at_the_clock_time_of_the_zone_it_names_whatever_the_browsers_zone()
    {
        var salary = await _admin.CreateEventAsPersonAsync(Account, "primary", new CalendarEvent
        {
            Summary = "Salary",
            Start = new EventDateTime { DateTime = "2026-12-15T09:00:00+01:00", TimeZone = "Europe/Berlin" },
            End = new EventDateTime { DateTime = "2026-12-15T10:00:00+01:00", TimeZone = "Europe/Berlin" },
        });
        await using var browser = await Chromium.LaunchAsync();
        // A browser in Lisbon (UTC in December): 09:00 in Berlin is 08:00 there, and must not be shown as "8:00 Berlin".
        var page = await browser.NewPageAsync(_emulator.BaseUri, 1280, 900, locale: "en-US", timeZone: "Europe/Lisbon");
        await page.GotoAsync("emulator/ui");

        var when = page.Locator($"[data-event-id='{salary.Id}'] .when");
        await Assertions.Expect(when).ToHaveTextAsync("12/15/2026, 9:00:00 AM Europe/Berlin – 12/15/2026, 10:00:00 AM Europe/Berlin");
    }

    [Fact]
    public async Task A_person_edits_an_event_moves_one_occurrence_and_deletes_an_event()
    {
        var water = await _admin.CreateEventAsPersonAsync(Account, "primary", new CalendarEvent
        {
            Summary = "Water bill",
            Start = new EventDateTime { DateTime = "2026-12-10T09:00:00Z" },
            End = new EventDateTime { DateTime = "2026-12-10T10:00:00Z" },
        });
        var rent = await _admin.CreateEventAsPersonAsync(Account, "primary", new CalendarEvent
        {
            Summary = "Rent",
            Start = new EventDateTime { Date = "2027-01-01" },
            End = new EventDateTime { Date = "2027-01-02" },
            Recurrence = ["RRULE:FREQ=MONTHLY;COUNT=3"],
        });
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_emulator.BaseUri);
        await page.GotoAsync("emulator/ui");
        var waterCard = page.Locator($"[data-event-id='{water.Id}']");
        await Assertions.Expect(waterCard.Locator(".title")).ToHaveTextAsync("Water bill");
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "emulator-google-side"));

        await waterCard.GetByLabel("Title").FillAsync("Water bill (December)");
        await waterCard.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved \"Water bill (December)\".");
        await Assertions.Expect(waterCard.Locator(".title")).ToHaveTextAsync("Water bill (December)");
        var edited = await GetAsync($"calendar/v3/calendars/primary/events/{water.Id}");
        Assert.Equal("Water bill (December)", (string?)edited["summary"]);
        Assert.Equal(DateTimeOffset.Parse("2026-12-10T09:00:00Z"), DateTimeOffset.Parse((string)edited["start"]!["dateTime"]!));

        var rentCard = page.Locator($"[data-event-id='{rent.Id}']");
        await rentCard.GetByRole(AriaRole.Button, new() { Name = "Occurrences" }).ClickAsync();
        var february = rentCard.Locator("form.occurrence").Nth(1);
        await february.GetByLabel("Move to").FillAsync("2027-02-03");
        await february.GetByRole(AriaRole.Button, new() { Name = "Move this occurrence" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Moved one occurrence.");
        var instances = await GetAsync($"calendar/v3/calendars/primary/events/{rent.Id}/instances");
        Assert.Equal(["2027-01-01", "2027-02-03", "2027-03-01"], instances["items"]!.AsArray().Select(i => (string)i!["start"]!["date"]!));
        Assert.Equal(["2027-01-02", "2027-02-04", "2027-03-02"], instances["items"]!.AsArray().Select(i => (string)i!["end"]!["date"]!));

        page.Dialog += async (_, dialog) =>
        {
            Assert.Equal("Delete \"Water bill (December)\"?", dialog.Message);
            await dialog.AcceptAsync();
        };
        await waterCard.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deleted \"Water bill (December)\".");
        await Assertions.Expect(waterCard).ToHaveCountAsync(0);
        Assert.Equal("cancelled", (string?)(await GetAsync($"calendar/v3/calendars/primary/events/{water.Id}"))["status"]);
        output.WriteLine("Screenshot: " + await Chromium.ScreenshotAsync(page, "emulator-google-side-after-changes"));
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await _admin.IssueTokensAsync(Account)).AccessToken);
        using var response = await _http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
