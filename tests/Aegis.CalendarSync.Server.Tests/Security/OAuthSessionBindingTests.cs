using System.Net;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 10: the OAuth callback completes only in the browser that started the flow, signed in as the user the
/// state was issued to; anything else is refused with a clear message and stores nothing.</summary>
public sealed class OAuthSessionBindingTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _attacker = null!;
    private TestUser _victim = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _attacker = await _server.CreateUserAsync("attacker@example.com");
        _victim = await _server.CreateUserAsync("victim@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_callback_opened_in_another_users_browser_is_refused_with_a_clear_page_and_binds_nothing()
    {
        // The attacker starts the flow and sends the consent link to the victim, who approves it in their own browser.
        var callback = await _server.AuthorizeAtEmulatorAsync(_attacker);
        using var victimBrowser = await BrowserSession.SignInAsync(_server, _victim);

        var response = await victimBrowser.Client.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await victimBrowser.Client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Google authorization failed: This Google connection was started in another browser or by another user", WebUtility.HtmlDecode(page));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task The_states_own_user_is_refused_without_the_cookie_set_by_start()
    {
        var callback = await _server.AuthorizeAtEmulatorAsync(_attacker);
        var token = _attacker.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        using var otherClient = _server.CreateClient(token); // same user, fresh cookie jar

        var response = await otherClient.GetAsync(callback);

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("session_mismatch", (string?)problem["code"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task The_starting_browser_signed_in_as_someone_else_by_the_time_of_the_callback_is_refused()
    {
        using var browser = await BrowserSession.SignInAsync(_server, _attacker);
        var callback = await _server.AuthorizeAtEmulatorAsync(browser.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitLoginAsync(_victim.Account.Email, _victim.Password)).StatusCode);

        var response = await browser.Client.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/google?error=", response.Headers.Location!.OriginalString);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_anonymous_browser_cannot_complete_a_flow()
    {
        var callback = await _server.AuthorizeAtEmulatorAsync(_attacker);
        using var anonymous = _server.CreateClient();

        var problem = await (await anonymous.GetAsync(callback)).AssertProblemAsync(400);

        Assert.Equal("session_mismatch", (string?)problem["code"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Start_sets_an_http_only_same_site_cookie_scoped_to_the_oauth_routes()
    {
        using var browser = await BrowserSession.SignInAsync(_server, _attacker);

        var start = await browser.Client.GetAsync("api/google/auth/start");

        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var cookie = Assert.Single(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aegis.oauth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/google/auth", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_connected_google_account_is_recorded_and_shown()
    {
        using var browser = await BrowserSession.SignInAsync(_server, _victim);

        await _server.ConnectGoogleAsync(browser);

        var settings = await _server.Get<ISettingsStore>().GetAsync(_victim.Id, CancellationToken.None);
        Assert.Equal("demo@example.com", settings!.GoogleAccountEmail);
        var api = await (await _victim.Client.GetAsync("api/sync/settings")).ReadJsonAsync();
        Assert.Equal("demo@example.com", (string?)api["google_account_email"]);
        Assert.Contains("Connected as demo@example.com", await browser.Client.GetStringAsync("google"));
        // The binding cookie is spent: replaying the callback in the same browser is refused.
        Assert.Null(browser.Cookies.GetCookies(new Uri(_server.BaseUri, "api/google/auth/callback"))["aegis.oauth"]);
    }

    private async Task AssertNothingStoredAsync()
    {
        var store = _server.Get<ISettingsStore>();
        Assert.Null((await store.GetAsync(_attacker.Id, CancellationToken.None))?.EncryptedRefreshToken);
        Assert.Null((await store.GetAsync(_victim.Id, CancellationToken.None))?.EncryptedRefreshToken);
    }
}
