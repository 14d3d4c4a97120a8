using Aegis.CalendarSync.Google;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Sync;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Push;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The Conflicts page, the strategy picker, the Google connection states and the live notices in a real browser
/// (<see cref="Chromium"/>), against the real server and the emulator over HTTP.</summary>
public sealed class ConflictsBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string GoogleAccountEmail = "demo@example.com";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("conflicted@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_comparison_shows_both_versions_in_plain_words_and_a_per_field_pick_converges_both_sides()
    {
        await (await _user.Client.PutJsonAsync("api/sync/settings", new { conflict_strategy = "manual" })).ReadJsonAsync();
        // No pushes: the local push must meet the Google edit (a 412), not an import of it.
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Gym membership", 25m))).ReadJsonAsync(201);
        var eventId = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        var googleId = GoogleEventId.FromFinancialEventId(eventId);
        await _server.EmulatorAdmin.PatchEventAsPersonAsync(GoogleAccountEmail, "primary", googleId, new
        {
            summary = SummaryFormat.Format("Gym (renamed in Google)", EventType.Bill, 25m, "EUR"),
            start = new { date = "2030-03-12" },
            end = new { date = "2030-03-13" },
        });
        await (await _user.Client.PutJsonAsync($"api/events/{eventId}", EventBodies.Valid("Gym membership (annual)", 30m))).ReadJsonAsync();
        await Eventually.GetAsync(async () => (await _server.Get<IConflictStore>().ListOpenAsync(_user.Id, CancellationToken.None)).FirstOrDefault(),
            "the conflict to be kept for the user");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/conflicts");
        var card = page.Locator("section.conflict");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "“Gym membership (annual)” changed in both places" })).ToBeVisibleAsync();
        var table = card.GetByRole(AriaRole.Table, new() { Name = "Wallet and Google Calendar versions of Gym membership (annual)" });
        await Assertions.Expect(table.Locator("tr[data-field=title]")).ToContainTextAsync("Gym membership (annual)");
        await Assertions.Expect(table.Locator("tr[data-field=title]")).ToContainTextAsync("Gym (renamed in Google)");
        await Assertions.Expect(table.Locator("tr[data-field=amount]")).ToContainTextAsync("EUR 30.00");
        await Assertions.Expect(table.Locator("tr[data-field=amount]")).ToContainTextAsync("EUR 25.00");
        await Assertions.Expect(table.Locator("tr[data-field=when]")).ToContainTextAsync("Sun 10 Mar 2030 (all day)");
        await Assertions.Expect(table.Locator("tr[data-field=when]")).ToContainTextAsync("Tue 12 Mar 2030 (all day)");
        await Assertions.Expect(table.Locator("tr[data-field=status]")).ToContainTextAsync("Not paid yet");
        await Assertions.Expect(table.Locator("tr.differs")).ToHaveCountAsync(4); // title, amount, date, and the "other fields" pick
        await Assertions.Expect(table.Locator("tr[data-field=status]")).Not.ToHaveClassAsync("differs");
        await Assertions.Expect(card).Not.ToContainTextAsync("\\u002B");
        await Assertions.Expect(card).ToContainTextAsync("Wallet: changed ");
        await Assertions.Expect(card).ToContainTextAsync("Google Calendar: changed ");
        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "changed both here and in Google Calendar" });
        await Assertions.Expect(notice).ToBeVisibleAsync();
        output.WriteLine("Conflicts page screenshot: " + await Chromium.ScreenshotAsync(page, "conflicts"));

        await page.SetViewportSizeAsync(375, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the Conflicts page scrolls sideways at 375 px");
        output.WriteLine("Conflicts page at 375 px: " + await Chromium.ScreenshotAsync(page, "conflicts-375"));
        await page.SetViewportSizeAsync(1280, 900);

        // Google's title and date, the wallet's amount.
        await table.Locator("tr[data-field=title] input[value=google]").CheckAsync();
        await table.Locator("tr[data-field=amount] input[value=wallet]").CheckAsync();
        await table.Locator("tr[data-field=other] input[value=google]").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Save my picks" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "your picks were saved" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-conflicts")).ToBeVisibleAsync();
        // The notice goes with the conflict, on the very page the resolution answered with.
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        var wallet = await (await _user.Client.GetAsync($"api/events/{eventId}")).ReadJsonAsync();
        Assert.Equal(("Gym (renamed in Google)", 30m), ((string?)wallet["title"], (decimal)wallet["amount"]!));
        Assert.StartsWith("2030-03-12", (string?)wallet["start_at"]);
        var google = await _server.Get<IGoogleCalendarClient>().GetEventAsync(new GoogleAccount(_user.Id), "primary", googleId, CancellationToken.None);
        Assert.Equal(SummaryFormat.Format("Gym (renamed in Google)", EventType.Bill, 30m, "EUR"), google.Summary);
        Assert.Equal(new DateOnly(2030, 3, 12), google.Start!.Date);
        Assert.Equal("30", google.GetPrivateProperty(AegisProperties.Amount));
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        Assert.Equal(google.Etag, (await _server.Get<IGoogleCalendarClient>().GetEventAsync(new GoogleAccount(_user.Id), "primary", googleId,
            CancellationToken.None)).Etag);
        var audit = await (await _user.Client.GetAsync("api/audit?action=conflict_resolved")).ReadJsonAsync();
        Assert.Equal("resolved_merged", (string?)Assert.Single(audit["items"]!.AsArray())!["error_code"]);
    }

    [Fact]
    public async Task A_dead_letter_notice_disappears_without_a_reload_once_a_full_sync_pushes_the_event()
    {
        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 1, Status: 400, Reason: "badRequest", Method: "POST", PathContains: "/events"));
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Water bill", 20m))).ReadJsonAsync(201);
        var queue = _server.Get<ISyncQueueStore>();
        await Eventually.GetAsync(async () => (await queue.ListFailedAsync(_user.Id, 10, CancellationToken.None)).FirstOrDefault(),
            "the push to be dead-lettered");
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);
        await Chromium.SignInAsync(page, _user, "/events");
        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "1 change could not be synced." });
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await _server.Get<ISyncService>().FullSyncAsync(_user.Id, CancellationToken.None);

        await Assertions.Expect(notice).ToBeHiddenAsync(new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        Assert.Empty(await queue.ListFailedAsync(_user.Id, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_strategy_picker_saves_the_choice_through_the_application_layer()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/conflicts");
        await Assertions.Expect(page.GetByLabel("Latest change wins")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByText("Nothing is overwritten: the event waits here until you choose what to keep.")).ToBeVisibleAsync();
        await page.GetByLabel("Ask me").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save strategy" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved: Ask me." })).ToBeVisibleAsync();
        Assert.Equal("manual", (string?)(await (await _user.Client.GetAsync("api/sync/settings")).ReadJsonAsync())["conflict_strategy"]);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Ask me")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task After_google_access_is_revoked_one_click_on_reconnect_goes_through_consent_and_back_to_connected()
    {
        await _server.EmulatorAdmin.RevokeGrantsAsync(GoogleAccountEmail);
        await _server.EmulatorAdmin.ExpireAccessTokensAsync(GoogleAccountEmail);
        // The next sync meets invalid_grant and switches sync off with the reason the UI shows.
        await Assert.ThrowsAnyAsync<Exception>(() => _server.Get<ISyncService>().FullSyncAsync(_user.Id, CancellationToken.None));
        Assert.Equal(SyncService.RevokedReason, (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!.DisabledReason);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(_server);

        await Chromium.SignInAsync(page, _user, "/google");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Access revoked");
        await Assertions.Expect(page.GetByText($"Google no longer accepts this app's access to {GoogleAccountEmail}")).ToBeVisibleAsync();
        // Only what can work is offered: no channel renewal, no calendar choice.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Renew push channel" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendar to sync" })).ToHaveCountAsync(0);

        var navigations = new List<string>();
        page.Request += (_, request) => { if (request.IsNavigationRequest) lock (navigations) navigations.Add(request.Url); };
        await page.GetByRole(AriaRole.Link, new() { Name = "Reconnect", Exact = true }).ClickAsync(); // the banner's

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Google Calendar connected" })).ToBeVisibleAsync();
        string[] consent;
        lock (navigations) consent = [.. navigations];
        // A reconnect waits for the go-ahead after its preview, as every connect does.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start syncing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The first sync has started" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync($"Connected as {GoogleAccountEmail}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Renew push channel" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Google Calendar sync is off")).ToHaveCountAsync(0);
        // One click: straight to Google's consent (the emulator's authorize endpoint), then back to the connection page.
        Assert.EndsWith("/api/google/auth/start", consent[0]);
        Assert.StartsWith(_server.Emulator.BaseUri.GetLeftPart(UriPartial.Authority), consent[1]);
        Assert.EndsWith("/google?connected=1", consent[^1]);
        var settings = (await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!;
        Assert.True(settings.CanSync);
        Assert.Null(settings.DisabledReason);
    }
}
