using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aegis.CalendarSync.Application.Conflicts;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Push;

namespace Aegis.CalendarSync.Server.Tests.Ui;

/// <summary>The Conflicts page as the server renders it (GET /conflicts with a signed-in browser's cookie), against the
/// real server and the emulator over HTTP: what Google's copy does not hold is shown as not in Google, not as the
/// wallet's value.</summary>
public sealed partial class ConflictsPageTests : IAsyncLifetime
{
    private const string GoogleAccountEmail = "demo@example.com";
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("conflicts-page@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_google_copy_without_amount_and_status_shows_them_as_not_in_google_and_offers_no_google_amount_pick()
    {
        await (await _user.Client.PutJsonAsync("api/sync/settings", new { conflict_strategy = "manual" })).ReadJsonAsync();
        await _server.EmulatorAdmin.SetNotificationBehaviorAsync(new NotificationBehavior(NotificationMode.Drop));
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Gym membership", 25m))).ReadJsonAsync(201);
        var eventId = Guid.Parse((string)created["id"]!);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
        // Another app rewrote the Google event: a new title, no amount in it, its private properties gone.
        await _server.EmulatorAdmin.PatchEventAsPersonAsync(GoogleAccountEmail, "primary", GoogleEventId.FromFinancialEventId(eventId),
            JsonNode.Parse("""{"summary":"Gym (from another app)","extendedProperties":null}""")!);
        await (await _user.Client.PutJsonAsync($"api/events/{eventId}", EventBodies.Valid("Gym membership (annual)", 30m))).ReadJsonAsync();
        await Eventually.GetAsync(async () => (await _server.Get<IConflictStore>().ListOpenAsync(_user.Id, CancellationToken.None)).FirstOrDefault(),
            "the conflict to be kept for the user");
        using var browser = await BrowserSession.SignInAsync(_server, _user);

        var response = await browser.Client.GetAsync("conflicts");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var amount = Row(html, "amount");
        Assert.Contains("EUR 30.00", amount, StringComparison.Ordinal);
        Assert.Contains(ConflictComparer.NotInGoogle, amount, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"google\"", amount, StringComparison.Ordinal);
        Assert.Contains(ConflictComparer.NotInGoogle, Row(html, "status"), StringComparison.Ordinal);
        var title = Row(html, "title");
        Assert.Contains("Gym (from another app)", title, StringComparison.Ordinal);
        Assert.Contains("value=\"google\"", title, StringComparison.Ordinal);
    }

    /// <summary>The comparison table's row of one field, as rendered.</summary>
    private static string Row(string html, string field)
    {
        var match = RowPattern().Matches(html).FirstOrDefault(m => m.Groups["field"].Value == field);
        Assert.True(match is not null, $"the page has no row for {field}");
        return WebUtility.HtmlDecode(match.Value);
    }

    [GeneratedRegex("""<tr[^>]*data-field="(?<field>[a-z]+)"[^>]*>.*?</tr>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
