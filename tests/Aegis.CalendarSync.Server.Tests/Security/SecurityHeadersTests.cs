using System.Net;
using System.Net.Http.Headers;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 10: UI pages carry a Content-Security-Policy (only this origin's scripts, styles and connections;
/// no framing), nosniff, X-Frame-Options and a Referrer-Policy; <c>/metrics</c> can require a bearer token.</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Ui_pages_and_api_answers_carry_the_security_headers()
    {
        await using var server = await TestServerHost.StartAsync();
        var user = await server.CreateUserAsync("headers@example.com");
        using var browser = await BrowserSession.SignInAsync(server, user);

        foreach (var response in new[] { await browser.Client.GetAsync("login"), await browser.Client.GetAsync("google"), await user.Client.GetAsync("api/events") })
        {
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
            var csp = Header(response, "Content-Security-Policy");
            foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                         "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'" })
                Assert.Contains(directive, csp);
            Assert.DoesNotContain("unsafe", csp);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        }
    }

    [Fact]
    public async Task Metrics_are_open_by_default()
    {
        await using var server = await TestServerHost.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_require_the_configured_bearer_token_when_asked_to()
    {
        var token = TestSecrets.WebhookSecret();
        await using var server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Settings = { ["Metrics:RequireToken"] = "true", ["METRICS_TOKEN"] = token },
        });
        using var client = server.CreateClient();

        var anonymous = await client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Scrape(client, token[..^1] + "x")).StatusCode);
        var scraped = await Scrape(client, token);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requiring_a_metrics_token_without_one_stops_the_start()
    {
        var e = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => TestServerHost.StartAsync(new TestServerOptions
        {
            Settings = { ["Metrics:RequireToken"] = "true", ["METRICS_TOKEN"] = "too-short" },
        }));
        Assert.Contains("METRICS_TOKEN", e.Message);
    }

    private static Task<HttpResponseMessage> Scrape(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage!.RequestUri}");
}
