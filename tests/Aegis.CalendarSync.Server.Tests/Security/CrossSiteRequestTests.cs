using System.Net;
using System.Text.RegularExpressions;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 10: a page on another site (or a sibling sub-domain) must not be able to make a signed-in browser
/// change anything; the same requests from this site's own pages, and bearer-token clients from anywhere, work.</summary>
public sealed partial class CrossSiteRequestTests : IAsyncLifetime
{
    private const string Evil = "http://evil.example";
    private TestServerHost _server = null!;
    private TestUser _user = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("csrf@example.com");
        _browser = await BrowserSession.SignInAsync(_server, _user);
        await _server.ConnectGoogleAsync(_browser);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, string?> Attackers() => new()
    {
        { "cross-site", Evil },
        // A sibling sub-domain is "same-site": SameSite=Lax cookies travel, so the cookie alone protects nothing.
        { "same-site", "http://attacker.127.0.0.1.nip.io" },
        // Older browsers send no Sec-Fetch-Site but do send Origin on a cross-origin POST.
        { null!, Evil },
    };

    [Theory]
    [MemberData(nameof(Attackers))]
    public async Task Every_state_changing_route_refuses_a_cookie_authenticated_request_from_another_site(string? site, string? origin)
    {
        var routes = WriteRoutes();
        Assert.Contains(routes, r => r.Path == "/api/google/auth/revoke");
        Assert.Contains(routes, r => r.Path == "/logout");
        Assert.Contains(routes, r => r.Path == "/google"); // Blazor form endpoints too
        var queue = _server.Get<ISyncQueueStore>();
        var queuedBefore = (await queue.ListAsync(_user.Id, null, 500, CancellationToken.None)).Count;
        var accepted = new List<string>();
        foreach (var (method, path) in routes)
        {
            var response = await _browser.SendAsync(new HttpMethod(method), path,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "google-disconnect" }), origin, site);
            if (response.StatusCode != HttpStatusCode.Forbidden) accepted.Add($"{method} {path} -> {(int)response.StatusCode}");
        }

        Assert.Empty(accepted);
        var settings = await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None);
        Assert.NotNull(settings!.EncryptedRefreshToken); // still connected
        Assert.Equal(queuedBefore, (await queue.ListAsync(_user.Id, null, 500, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_reported_requests_are_refused_cross_site_and_accepted_from_the_site_itself()
    {
        var form = () => new FormUrlEncodedContent(new Dictionary<string, string>());
        foreach (var path in new[] { "api/google/auth/renew_channel", "api/sync/now", "api/sync/full", "api/google/auth/revoke", "logout" })
        {
            var refused = await _browser.SendAsync(HttpMethod.Post, path, form(), Evil, "cross-site");
            var problem = await refused.AssertProblemAsync(403);
            Assert.Contains("another site", (string?)problem["detail"]);
        }
        Assert.NotNull((await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!.EncryptedRefreshToken);

        var own = _server.BaseUri.GetLeftPart(UriPartial.Authority);
        Assert.Equal(HttpStatusCode.NoContent, (await _browser.SendAsync(HttpMethod.Post, "api/google/auth/renew_channel", form(), own, "same-origin")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _browser.SendAsync(HttpMethod.Post, "api/sync/now", form(), own, "same-origin")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _browser.SendAsync(HttpMethod.Post, "api/sync/full", form(), own, "same-origin")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _browser.SendAsync(HttpMethod.Post, "api/google/auth/revoke", form(), own, "same-origin")).StatusCode);
        Assert.Null((await _server.Get<ISettingsStore>().GetAsync(_user.Id, CancellationToken.None))!.EncryptedRefreshToken);

        var token = await _browser.AntiforgeryTokenAsync("google");
        var logout = await _browser.SendAsync(HttpMethod.Post, "logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), own, "same-origin");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _browser.Client.GetAsync("api/events")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_even_from_the_site_itself()
    {
        var own = _server.BaseUri.GetLeftPart(UriPartial.Authority);
        var response = await _browser.SendAsync(HttpMethod.Post, "logout", new FormUrlEncodedContent(new Dictionary<string, string>()), own, "same-origin");

        await response.AssertProblemAsync(400);
        Assert.Equal(HttpStatusCode.OK, (await _browser.Client.GetAsync("api/events")).StatusCode);
    }

    [Fact]
    public async Task Bearer_token_clients_are_unaffected_by_the_origin_check()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sync/now");
        request.Headers.TryAddWithoutValidation("Origin", Evil);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        var response = await _user.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Every endpoint that accepts an unsafe method, read from the running server (so a new route is covered
    /// without editing this test), except Google's webhook, which is anonymous server-to-server and has its own token.</summary>
    private List<(string Method, string Path)> WriteRoutes() =>
        _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => (Method: m, Path: "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), Parameter))))
            .Where(r => r.Path != "/api/webhooks/google-calendar")
            .Distinct()
            .ToList();

    private static string Parameter(Match m) => m.Value.Contains(":long") ? "1" : Guid.NewGuid().ToString();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
