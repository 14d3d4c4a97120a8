using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Aegis.CalendarSync.Testing.Hosting;

/// <summary>A browser as far as HTTP goes: a cookie jar, no redirects followed, signed in through the real login form
/// (antiforgery token read from the page, as a browser submits it).</summary>
public sealed partial class BrowserSession : IDisposable
{
    private BrowserSession(Uri baseUri)
    {
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = baseUri };
        Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    public static BrowserSession Anonymous(TestServerHost server) => new(server.BaseUri);

    /// <summary>A browser of any server, e.g. a server process the bench started.</summary>
    public static BrowserSession Anonymous(Uri baseUri) => new(baseUri);

    public static async Task<BrowserSession> SignInAsync(TestServerHost server, TestUser user)
    {
        var session = new BrowserSession(server.BaseUri);
        var response = await session.SubmitLoginAsync(user.Account.Email, user.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return session;
    }

    /// <summary>GET /login, then the form post a browser sends (same-origin headers included).</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(string email, string password)
    {
        var token = await AntiforgeryTokenAsync("login");
        return await PostFormAsync("login", new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>GET /signup, then the sign-up form's post as a browser sends it.</summary>
    public async Task<HttpResponseMessage> SubmitSignUpAsync(string email, string password, string confirmation)
    {
        var token = await AntiforgeryTokenAsync("signup");
        return await PostFormAsync("signup", new Dictionary<string, string>
        {
            ["_handler"] = "signup",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.Confirm"] = confirmation,
        });
    }

    /// <summary>The antiforgery token of the form on <paramref name="path"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        return TokenInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    /// <summary>A form post as a browser sends it from a page of this site (Origin and Sec-Fetch-Site same-origin).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields), origin: Client.BaseAddress!.GetLeftPart(UriPartial.Authority), site: "same-origin");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? origin, string? site)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        if (site is not null) request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", site);
        return await Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
