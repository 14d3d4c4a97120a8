using System.Net;
using System.Net.Http.Json;
using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 14: the sign-up page through the real server's form (antiforgery token read from the page, as a
/// browser posts it): off by default (404, no link), on with Accounts:AllowSignUp; refuses weak passwords, a wrong
/// confirmation, invalid emails and taken emails with a clear sentence, changing nothing; cross-site posts and posts
/// without the antiforgery token are refused; attempts count against the per-address sign-in limit.</summary>
public sealed class SignUpTests : IAsyncDisposable
{
    private const string GoodPassword = "correct horse battery staple";
    private readonly List<TestServerHost> _servers = [];
    private readonly List<TestDatabase> _databases = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        foreach (var database in _databases) await database.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sign_up_whose_password_cannot_be_stored_creates_no_account_and_the_email_stays_free(bool postgres)
    {
        TestDatabase? database = postgres ? await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false) : null;
        if (database is not null) _databases.Add(database);
        var server = await StartAsync(allow: true, database: database);
        // The database refuses the password row (a full disk, a lost connection: any failure after the user's insert).
        await ExecuteAsync(server, postgres
            ? "CREATE FUNCTION refuse_credentials() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$; " +
              "CREATE TRIGGER refuse_credentials BEFORE INSERT ON app_user_credentials FOR EACH ROW EXECUTE FUNCTION refuse_credentials();"
            : "CREATE TRIGGER refuse_credentials BEFORE INSERT ON app_user_credentials BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        var signUp = server.Get<SignUpService>();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            signUp.SignUpAsync("ines.lobo@example.com", GoodPassword, GoodPassword, IPAddress.Loopback, CancellationToken.None));
        var orphan = await server.Get<UserAccounts>().FindByEmailAsync("ines.lobo@example.com", CancellationToken.None);
        await ExecuteAsync(server, postgres ? "DROP TRIGGER refuse_credentials ON app_user_credentials" : "DROP TRIGGER refuse_credentials");
        var retried = await signUp.SignUpAsync("ines.lobo@example.com", GoodPassword, GoodPassword, IPAddress.Loopback, CancellationToken.None);

        Assert.Null(orphan);
        Assert.Equal(SignUpStatus.Created, retried.Status);
        using var api = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK,
            (await api.PostAsJsonAsync("api/auth/token", new { email = "ines.lobo@example.com", password = GoodPassword })).StatusCode);
    }

    private static async Task ExecuteAsync(TestServerHost server, string sql)
    {
        await using var connection = await server.Get<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }

    [Fact]
    public async Task Off_by_default_the_route_is_404_for_get_and_post_and_the_sign_in_page_has_no_link()
    {
        var server = await StartAsync(allow: null);
        using var browser = BrowserSession.Anonymous(server);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync("signup")).StatusCode);
        var post = await browser.PostFormAsync("signup", new Dictionary<string, string>
        {
            ["_handler"] = "signup", ["Input.Email"] = "new@example.com", ["Input.Password"] = GoodPassword, ["Input.Confirm"] = GoodPassword,
        });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("/signup", await browser.Client.GetStringAsync("login"));
        Assert.Empty(await server.Get<UserAccounts>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task On_a_new_account_is_created_signed_in_audited_and_its_password_works_for_the_api()
    {
        var server = await StartAsync(allow: true);
        using var browser = BrowserSession.Anonymous(server);
        Assert.Contains("href=\"/signup\"", await browser.Client.GetStringAsync("login"));

        var response = await browser.SubmitSignUpAsync("  Marta.Reis@Example.com ", GoodPassword, GoodPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(server.BaseUri, response.Headers.Location);
        // The browser is signed in: the dashboard answers instead of sending it to /login.
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/")).StatusCode);
        var user = await server.Get<UserAccounts>().FindByEmailAsync("marta.reis@example.com", CancellationToken.None);
        Assert.NotNull(user);
        using var api = server.CreateClient();
        var token = await api.PostAsJsonAsync("api/auth/token", new { email = "marta.reis@example.com", password = GoodPassword });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var audit = await server.Get<IAuditStore>().QueryAsync(user.Id, new AuditQuery(Limit: 10), CancellationToken.None);
        Assert.Contains(audit, a => a.Action == AuditAction.SignUp && a.Status == AuditOutcome.Success);
    }

    [Fact]
    public async Task A_taken_email_in_any_letter_case_is_refused_with_a_clear_message_and_the_existing_account_is_untouched()
    {
        var server = await StartAsync(allow: true);
        var existing = await server.CreateUserAsync("taken@example.com");
        using var browser = BrowserSession.Anonymous(server);

        var response = await browser.SubmitSignUpAsync("TAKEN@example.com", GoodPassword, GoodPassword);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(SignUpResult.EmailTakenMessage, html);
        Assert.DoesNotContain(existing.Id.ToString(), html);
        Assert.Single(await server.Get<UserAccounts>().ListAsync(CancellationToken.None));
        using var api = server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await api.PostAsJsonAsync("api/auth/token", new { email = "taken@example.com", password = GoodPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await api.PostAsJsonAsync("api/auth/token", new { email = "taken@example.com", password = existing.Password })).StatusCode);
    }

    public static TheoryData<string, string, string, string> BadInput() => new()
    {
        { "not-an-email", GoodPassword, GoodPassword, "valid email" },
        { "short@example.com", "too short", "too short", "12 to 256 characters" },
        { "mismatch@example.com", GoodPassword, GoodPassword + "!", "The two passwords do not match." },
        { "same.as.email@example.com", "same.as.email@example.com", "same.as.email@example.com", "must not be the email address" },
        { "blank@example.com", "              ", "              ", "password is required" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_the_rule_in_plain_words_and_creates_nothing(string email, string password, string confirm, string says)
    {
        var server = await StartAsync(allow: true);
        using var browser = BrowserSession.Anonymous(server);

        var response = await browser.SubmitSignUpAsync(email, password, confirm);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(says, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await server.Get<UserAccounts>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Cross_site_posts_and_posts_without_the_antiforgery_token_create_nothing()
    {
        var server = await StartAsync(allow: true);
        using var browser = BrowserSession.Anonymous(server);
        var token = await browser.AntiforgeryTokenAsync("signup");
        Dictionary<string, string> Fields(bool withToken)
        {
            var fields = new Dictionary<string, string>
            {
                ["_handler"] = "signup", ["Input.Email"] = "csrf@example.com", ["Input.Password"] = GoodPassword, ["Input.Confirm"] = GoodPassword,
            };
            if (withToken) fields["__RequestVerificationToken"] = token;
            return fields;
        }

        var crossSite = await browser.SendAsync(HttpMethod.Post, "signup", new FormUrlEncodedContent(Fields(withToken: true)),
            "https://evil.example", "cross-site");
        var noToken = await browser.PostFormAsync("signup", Fields(withToken: false));

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Empty(await server.Get<UserAccounts>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Sign_up_attempts_count_against_the_per_address_sign_in_limit()
    {
        var server = await StartAsync(allow: true, new() { ["SignIn:PerAddressPermitLimit"] = "2", ["SignIn:PerAddressWindow"] = "01:00:00" });
        using var browser = BrowserSession.Anonymous(server);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitSignUpAsync("first@example.com", GoodPassword, GoodPassword)).StatusCode);
        using var other = BrowserSession.Anonymous(server);
        Assert.Equal(HttpStatusCode.OK, (await other.SubmitLoginAsync("first@example.com", "wrong password")).StatusCode);
        var limited = await other.SubmitSignUpAsync("second@example.com", GoodPassword, GoodPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Single(await server.Get<UserAccounts>().ListAsync(CancellationToken.None));
    }

    private async Task<TestServerHost> StartAsync(bool? allow, Dictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        settings ??= [];
        if (allow is { } value) settings["Accounts:AllowSignUp"] = value ? "true" : "false";
        var server = await TestServerHost.StartAsync(new TestServerOptions { Settings = settings, Database = database });
        _servers.Add(server);
        return server;
    }
}
