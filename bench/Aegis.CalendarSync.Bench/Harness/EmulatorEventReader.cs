using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GoogleCalendarEmulator.Admin;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>Reads events the way any Calendar API client would (events.get with a bearer token the emulator issued
/// for the account), independently of the engine under measurement: its own HttpClient and token, not the engine's
/// rate limiter. Counts its own calls so they can be told apart from the engine's in the request log.</summary>
public sealed class EmulatorEventReader : IDisposable
{
    private readonly HttpClient _http;
    private long _calls;

    private EmulatorEventReader(HttpClient http) => _http = http;

    /// <summary>Calendar API calls this reader made so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public static async Task<EmulatorEventReader> CreateAsync(EmulatorAdminClient admin, Uri emulator, string email, CancellationToken ct)
    {
        var token = await admin.IssueTokensAsync(email, ct);
        var http = new HttpClient { BaseAddress = emulator };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return new EmulatorEventReader(http);
    }

    /// <summary>The event's summary on the primary calendar; null when it does not exist (404).</summary>
    public async Task<string?> GetSummaryAsync(string eventId, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        using var response = await _http.GetAsync($"calendar/v3/calendars/primary/events/{Uri.EscapeDataString(eventId)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return json.RootElement.TryGetProperty("summary", out var summary) ? summary.GetString() : null;
    }

    public void Dispose() => _http.Dispose();
}
