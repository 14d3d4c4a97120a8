using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Testing.Hosting;
using GoogleCalendarEmulator.Admin;
using GoogleCalendarEmulator.Hosting;

namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

/// <summary>What the real-process tests do through a server's public API and Google's: sign in, connect, look an
/// event up in Google.</summary>
public static class ProcessApi
{
    /// <summary>A bearer-token client of the account; redirects by hand: HttpClient drops the Authorization header on
    /// a redirect, and the OAuth callback must come from the signed-in client that started the flow (it keeps the
    /// session-binding cookie start sets).</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseUri, string email, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = baseUri };
        var token = await (await anonymous.PostAsJsonAsync("api/auth/token", new { email, password })).ReadJsonAsync();
        var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);
        return api;
    }

    /// <summary>start → emulator consent (auto-approved) → callback → the go-ahead for the first sync; then the account
    /// reads as connected.</summary>
    public static async Task ConnectGoogleAsync(HttpClient api)
    {
        var start = await api.GetAsync("api/google/auth/start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        using var consentBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await consentBrowser.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(consent.Headers.Location)).StatusCode);
        await FirstSyncApi.StartAsync(api);
        Assert.True((bool)(await (await api.GetAsync("api/sync/settings")).ReadJsonAsync())["connected"]!);
    }

    /// <summary>A client of Google's API as <paramref name="account"/> (a token issued by the emulator's admin API).</summary>
    public static async Task<HttpClient> GoogleAsync(EmulatorHost emulator, string account)
    {
        var admin = new EmulatorAdminClient(new HttpClient(), emulator.BaseUri);
        var google = new HttpClient { BaseAddress = emulator.BaseUri };
        google.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await admin.IssueTokensAsync(account)).AccessToken);
        return google;
    }

    /// <summary>The Google calendar the account syncs with (a new connection gets a dedicated one).</summary>
    public static async Task<string> SyncedCalendarAsync(HttpClient api) =>
        (string)(await (await api.GetAsync("api/sync/settings")).ReadJsonAsync())["calendar_id"]!;

    /// <summary>True when the wallet event's Google event exists on <paramref name="calendarId"/> and is not cancelled.</summary>
    public static async Task<bool> IsLiveInGoogleAsync(HttpClient google, Guid eventId, string calendarId = "primary")
    {
        var response = await google.GetAsync(
            $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events/{GoogleEventId.FromFinancialEventId(eventId)}");
        return response.IsSuccessStatusCode && (string?)(await response.ReadJsonAsync())["status"] != "cancelled";
    }
}
