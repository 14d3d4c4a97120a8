using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aegis.CalendarSync.Bench.Harness;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

/// <summary>Accounts of a server process made only through its public surface, as people make them: the sign-up
/// form (<c>Accounts:AllowSignUp</c>), an API token (<c>POST /api/auth/token</c>), and Google connected by following
/// <c>GET /api/google/auth/start</c> through the emulator's auto-approved consent (the account chosen with
/// <c>login_hint</c>, as a person picks one) to the server's callback. Works against any build of the server.</summary>
public static class ServerAccounts
{
    /// <summary>Signs <paramref name="email"/> up and connects it to the Google account of the same address; returns
    /// once the server reads the account as connected.</summary>
    public static async Task SignUpAndConnectAsync(Uri server, string email, string password, CancellationToken ct)
    {
        using (var browser = BrowserSession.Anonymous(server))
        {
            var signUp = await browser.SubmitSignUpAsync(email, password, password);
            Ensure(signUp.StatusCode == HttpStatusCode.Redirect, $"sign-up of {email} answered {(int)signUp.StatusCode}");
        }

        using var api = await SignInAsync(server, email, password, ct);
        var start = await api.GetAsync("api/google/auth/start", ct);
        Ensure(start.StatusCode == HttpStatusCode.Redirect, $"auth/start of {email} answered {(int)start.StatusCode}");
        var authorize = start.Headers.Location!.AbsoluteUri + "&login_hint=" + Uri.EscapeDataString(email);
        using var consentBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await consentBrowser.GetAsync(authorize, ct);
        Ensure(consent.StatusCode == HttpStatusCode.Redirect, $"consent of {email} answered {(int)consent.StatusCode}");
        var callback = await api.GetAsync(consent.Headers.Location, ct);
        Ensure(callback.StatusCode == HttpStatusCode.OK, $"the OAuth callback of {email} answered {(int)callback.StatusCode}");
        var settings = await api.GetFromJsonAsync<JsonObject>("api/sync/settings", ct);
        Ensure(settings?["connected"]?.GetValue<bool>() == true, $"{email} is not connected after the OAuth callback");
    }

    /// <summary>A bearer-token client that follows no redirect and keeps cookies (the OAuth flow's session binding).</summary>
    private static async Task<HttpClient> SignInAsync(Uri server, string email, string password, CancellationToken ct)
    {
        using var anonymous = new HttpClient { BaseAddress = server };
        var response = await anonymous.PostAsJsonAsync("api/auth/token", new { email, password }, ct);
        Ensure(response.IsSuccessStatusCode, $"token for {email} answered {(int)response.StatusCode}");
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>();
        var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    private static void Ensure(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchmarkInvalidException(failure);
        }
    }
}
