using System.Net;
using System.Net.Http.Json;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 10: repeated wrong passwords lock the account for a while (the right password included), sign-in
/// attempts are rate limited per client address and per account, answered 429 with Retry-After, and audited. The
/// server runs on a fake clock, so the lockout's end is reached by moving it, not by waiting.</summary>
public sealed class SignInThrottlingTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestServerHost? _server;
    private TestDatabase? _postgres;

    private async Task<TestServerHost> StartAsync(Dictionary<string, string?> settings, bool postgres = false)
    {
        if (postgres) _postgres = await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);
        settings.TryAdd("SignIn:MaxFailedAttempts", "5");
        settings.TryAdd("SignIn:LockoutDuration", "00:15:00");
        settings.TryAdd("SignIn:PerAddressPermitLimit", "1000");
        settings.TryAdd("SignIn:PerAccountPermitLimit", "1000");
        settings["Server:ApiTokenLifetime"] = "1.00:00:00";
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Time = _time, Settings = settings, Database = _postgres,
        });
        return _server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Wrong_passwords_on_the_token_endpoint_lock_the_account_and_the_right_password_is_refused_until_it_ends(bool postgres)
    {
        var server = await StartAsync([], postgres);
        var user = await server.CreateUserAsync("locked@example.com");
        using var client = server.CreateClient();

        for (var i = 1; i <= 4; i++)
            await (await Token(client, user.Account.Email, "wrong-password")).AssertProblemAsync(401);
        var locking = await Token(client, user.Account.Email, "wrong-password");
        await locking.AssertProblemAsync(429);
        Assert.Equal(TimeSpan.FromMinutes(15), locking.Headers.RetryAfter?.Delta);

        _time.Advance(TimeSpan.FromMinutes(10));
        var refused = await Token(client, user.Account.Email, user.Password);
        var problem = await refused.AssertProblemAsync(429);
        Assert.Contains("locked", (string?)problem["detail"]);
        Assert.Equal(TimeSpan.FromMinutes(5), refused.Headers.RetryAfter?.Delta);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await Token(client, user.Account.Email, user.Password)).StatusCode);
        // A success clears the count: four more failures do not lock again.
        for (var i = 1; i <= 4; i++)
            await (await Token(client, user.Account.Email, "wrong-password")).AssertProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await Token(client, user.Account.Email, user.Password)).StatusCode);

        var audit = (await (await user.Client.GetAsync("api/audit?action=sign_in&limit=100")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal(8, audit.Count(e => (string?)e!["status"] == "failed" && (string?)e["error_code"] == "invalid_credentials"));
        Assert.Equal(1, audit.Count(e => (string?)e!["error_code"] == "locked_out"));
        Assert.Equal(1, audit.Count(e => (string?)e!["error_code"] == "refused_while_locked_out"));
        Assert.Equal(3, audit.Count(e => (string?)e!["status"] == "success")); // CreateUserAsync's + the two above
    }

    [Fact]
    public async Task Wrong_passwords_on_the_login_form_lock_the_account_and_the_right_password_is_refused_until_it_ends()
    {
        var server = await StartAsync(new() { ["SignIn:MaxFailedAttempts"] = "3" });
        var user = await server.CreateUserAsync("form-locked@example.com");
        using var browser = BrowserSession.Anonymous(server);

        for (var i = 1; i <= 2; i++)
        {
            var failed = await browser.SubmitLoginAsync(user.Account.Email, "wrong-password");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("The email or password is incorrect.", await failed.Content.ReadAsStringAsync());
        }
        var locking = await browser.SubmitLoginAsync(user.Account.Email, "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, locking.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), locking.Headers.RetryAfter?.Delta);

        var refused = await browser.SubmitLoginAsync(user.Account.Email, user.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("temporarily locked", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("events")).StatusCode); // still signed out

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitLoginAsync(user.Account.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("events")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_client_address_are_rate_limited_across_accounts_and_both_entry_points()
    {
        var server = await StartAsync(new() { ["SignIn:PerAddressPermitLimit"] = "4", ["SignIn:PerAddressWindow"] = "01:00:00" });
        using var client = server.CreateClient();
        using var browser = BrowserSession.Anonymous(server);

        await (await Token(client, "one@example.com", "x")).AssertProblemAsync(401);
        await (await Token(client, "two@example.com", "x")).AssertProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitLoginAsync("three@example.com", "x")).StatusCode);
        await (await Token(client, "four@example.com", "x")).AssertProblemAsync(401);

        var limited = await Token(client, "five@example.com", "x");
        await limited.AssertProblemAsync(429);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.SubmitLoginAsync("six@example.com", "x")).StatusCode);
        // Other routes are not throttled.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_on_one_account_are_rate_limited_and_audited_while_other_accounts_are_unaffected()
    {
        var server = await StartAsync(new()
        {
            ["SignIn:PerAccountPermitLimit"] = "3", ["SignIn:PerAccountWindow"] = "01:00:00", ["SignIn:MaxFailedAttempts"] = "100",
        });
        var target = await server.CreateUserAsync("target@example.com"); // the first attempt
        var other = await server.CreateUserAsync("other@example.com");
        using var client = server.CreateClient();

        await (await Token(client, "TARGET@example.com ", "x")).AssertProblemAsync(401);
        await (await Token(client, target.Account.Email, "x")).AssertProblemAsync(401);
        var limited = await Token(client, target.Account.Email, target.Password);
        await limited.AssertProblemAsync(429);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");

        Assert.Equal(HttpStatusCode.OK, (await Token(client, other.Account.Email, other.Password)).StatusCode);
        var audit = await server.Get<IAuditStore>().QueryAsync(target.Id, new AuditQuery(Model.AuditAction.SignIn, Limit: 100), CancellationToken.None);
        Assert.Contains(audit, e => e.ErrorCode == "rate_limited");
    }

    [Theory]
    [InlineData("SignIn:MaxFailedAttempts", "0")]
    [InlineData("SignIn:LockoutDuration", "00:00:00")]
    [InlineData("SignIn:PerAddressPermitLimit", "0")]
    [InlineData("SignIn:PerAccountWindow", "-00:01:00")]
    public async Task Invalid_throttling_options_stop_the_start(string key, string value)
    {
        var e = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));
        Assert.Contains(key.Split(':')[1], e.Message);
    }

    private static Task<HttpResponseMessage> Token(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("api/auth/token", new { email, password });
}
