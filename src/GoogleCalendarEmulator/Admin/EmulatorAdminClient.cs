using System.Net.Http.Json;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.OAuth;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.Push;

namespace GoogleCalendarEmulator.Admin;

/// <summary>Typed client for the emulator's /emulator/ admin routes, for tests of other projects.</summary>
/// <param name="http">An HttpClient; its BaseAddress is used unless <paramref name="baseUri"/> is given.</param>
/// <param name="baseUri">The emulator root, e.g. <see cref="Hosting.EmulatorHost.BaseUri"/>.</param>
public sealed class EmulatorAdminClient(HttpClient http, Uri? baseUri = null)
{
    private readonly Uri _root = baseUri ?? http.BaseAddress ?? throw new ArgumentException("Give a base URI or an HttpClient with BaseAddress.", nameof(baseUri));

    public Task InjectFaultAsync(FaultRule rule, CancellationToken ct = default) => PostAsync("emulator/faults", rule, ct);

    public Task LoseResponsesAsync(LostResponseRule rule, CancellationToken ct = default) => PostAsync("emulator/faults/lost-responses", rule, ct);

    public Task SetRandomFaultsAsync(RandomFaultRule rule, CancellationToken ct = default) => PostAsync("emulator/faults/random", rule, ct);

    public Task ClearFaultsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "emulator/faults", null, ct);

    public Task SetLatencyAsync(TimeSpan latency, CancellationToken ct = default) =>
        PostAsync("emulator/latency", new LatencyRequest((int)latency.TotalMilliseconds), ct);

    public Task SetNotificationBehaviorAsync(NotificationBehavior behavior, CancellationToken ct = default) =>
        PostAsync("emulator/notifications", behavior, ct);

    /// <summary>Returns once every push queued before the call has been delivered (answered) or skipped.</summary>
    public Task FlushNotificationsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "emulator/notifications/flush", null, ct);

    public Task ExpireAccessTokensAsync(string email, CancellationToken ct = default) => PostAsync("emulator/tokens/expire", new AccountRequest(email), ct);

    public Task RevokeGrantsAsync(string email, CancellationToken ct = default) => PostAsync("emulator/grants/revoke", new AccountRequest(email), ct);

    public Task InvalidateSyncTokensAsync(string email, CancellationToken ct = default) =>
        PostAsync("emulator/synctokens/invalidate", new AccountRequest(email), ct);

    public Task CreateAccountAsync(string email, CancellationToken ct = default) => PostAsync("emulator/accounts", new AccountRequest(email), ct);

    public Task<TokenResponse> IssueTokensAsync(string email, CancellationToken ct = default) =>
        ReadAsync<TokenResponse>(HttpMethod.Post, $"emulator/accounts/{Escape(email)}/tokens", null, ct);

    /// <summary>Adds a calendar shared with the account under <paramref name="accessRole"/> (see CalendarAccessRoles).</summary>
    public Task<CalendarResource> AddSharedCalendarAsync(string email, string summary, string accessRole, CancellationToken ct = default) =>
        ReadAsync<CalendarResource>(HttpMethod.Post, $"emulator/accounts/{Escape(email)}/calendars", new SharedCalendarRequest(summary, accessRole), ct);

    /// <summary>Creates an event as the user would in Google Calendar's UI (fires push, not counted as an API call).</summary>
    public Task<CalendarEvent> CreateEventAsPersonAsync(string email, string calendarId, CalendarEvent ev, CancellationToken ct = default) =>
        ReadAsync<CalendarEvent>(HttpMethod.Post, PersonPath(email, calendarId), ev, ct);

    /// <summary>Creates <paramref name="events"/> in one request, in order, each as <see cref="CreateEventAsPersonAsync"/> would
    /// (its own change, etag and push); returns them as created.</summary>
    public async Task<IReadOnlyList<CalendarEvent>> CreateEventsAsPersonAsync(string email, string calendarId, IReadOnlyList<CalendarEvent> events,
        CancellationToken ct = default) =>
        (await ReadAsync<EventBatch>(HttpMethod.Post, $"{PersonPath(email, calendarId)}/bulk", new EventBatch(events), ct)).Items;

    /// <summary>Applies <paramref name="patches"/> in one request, in order, each as <see cref="PatchEventAsPersonAsync"/> would;
    /// returns the patched events.</summary>
    public async Task<IReadOnlyList<CalendarEvent>> PatchEventsAsPersonAsync(string email, string calendarId, IReadOnlyList<EventPatchItem> patches,
        CancellationToken ct = default) =>
        (await ReadAsync<EventBatch>(HttpMethod.Post, $"{PersonPath(email, calendarId)}/bulk-patch", new EventPatchBatch(patches), ct)).Items;

    /// <summary>Patches an event as the user would in the UI; <paramref name="patch"/> is any JSON-serialisable object. On an
    /// instance id (<c>{masterId}_{originalStart}</c>) it edits that one occurrence ("this event"), making an exception.</summary>
    public Task<CalendarEvent> PatchEventAsPersonAsync(string email, string calendarId, string eventId, object patch, CancellationToken ct = default) =>
        ReadAsync<CalendarEvent>(HttpMethod.Patch, $"{PersonPath(email, calendarId)}/{Escape(eventId)}", patch, ct);

    /// <summary>"This and following" on the instance <paramref name="instanceId"/>, as in Google's UI: the series ends
    /// before it (UNTIL) and a new series with <paramref name="changes"/> applied carries the rest.</summary>
    public Task<SeriesSplit> SplitSeriesAsPersonAsync(string email, string calendarId, string instanceId, object changes, CancellationToken ct = default) =>
        ReadAsync<SeriesSplit>(HttpMethod.Post, $"{PersonPath(email, calendarId)}/{Escape(instanceId)}/thisAndFollowing", changes, ct);

    /// <summary>Deletes an event, or one instance of a series (which Google keeps as a cancelled instance), as the user would in the UI.</summary>
    public Task DeleteEventAsPersonAsync(string email, string calendarId, string eventId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{PersonPath(email, calendarId)}/{Escape(eventId)}", null, ct);

    /// <summary>The live events of a calendar (series masters and one-off events, no instances, nothing cancelled) as
    /// the person sees them in Google Calendar's UI: not an API call, so neither logged, counted nor faulted.</summary>
    public Task<CalendarEventsView> ListEventsAsPersonAsync(string email, string calendarId, CancellationToken ct = default) =>
        ReadAsync<CalendarEventsView>(HttpMethod.Get, PersonPath(email, calendarId), null, ct);

    public Task<IReadOnlyList<RequestLogEntry>> GetRequestsAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<RequestLogEntry>>(HttpMethod.Get, "emulator/requests", null, ct);

    public Task<IReadOnlyDictionary<string, int>> GetRequestCountsAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyDictionary<string, int>>(HttpMethod.Get, "emulator/requests/counts", null, ct);

    public Task ClearRequestsAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "emulator/requests", null, ct);

    public Task ResetAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Post, "emulator/reset", null, ct);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string PersonPath(string email, string calendarId) => $"emulator/accounts/{Escape(email)}/calendars/{Escape(calendarId)}/events";

    private Task PostAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendCoreAsync(method, path, body, ct);
    }

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendCoreAsync(method, path, body, ct);
        return (await response.Content.ReadFromJsonAsync<T>(GoogleJson.Options, ct))!;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: GoogleJson.Options);
        }

        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"Emulator admin call {method} /{path} failed with {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return response;
    }
}
