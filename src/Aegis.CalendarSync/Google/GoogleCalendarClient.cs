using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Http;
using Aegis.CalendarSync.Google.Models;

namespace Aegis.CalendarSync.Google;

/// <summary>Typed HttpClient over Calendar API v3 (base address = <see cref="GoogleApiOptions.ApiBaseUrl"/>).
/// Authentication, rate limiting and retries are handlers of the client's pipeline (see
/// <see cref="GoogleServiceCollectionExtensions.AddGoogleCalendarClient"/>); this class builds requests and maps
/// responses.</summary>
internal sealed class GoogleCalendarClient(HttpClient http, TimeProvider time) : IGoogleCalendarClient
{
    private const string EventsPath = "calendar/v3/calendars/{0}/events";
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public Task<EventsListResponse> ListEventsAsync(GoogleAccount account, string calendarId, ListEventsRequest request, CancellationToken ct)
    {
        request.Validate();
        var query = new QueryBuilder()
            .Add("syncToken", request.SyncToken)
            .Add("pageToken", request.PageToken)
            .Add("maxResults", request.MaxResults?.ToString(CultureInfo.InvariantCulture))
            .Add("showDeleted", FormatBool(request.ShowDeleted))
            .Add("singleEvents", FormatBool(request.SingleEvents))
            .Add("timeMin", FormatTime(request.TimeMin))
            .Add("timeMax", FormatTime(request.TimeMax))
            .Add("updatedMin", FormatTime(request.UpdatedMin));
        foreach (var (name, value) in request.PrivateExtendedProperties ?? new Dictionary<string, string>())
        {
            query.Add("privateExtendedProperty", $"{name}={value}");
        }

        return SendAsync(account, HttpMethod.Get, EventsUrl(calendarId) + query, null, null, GoogleJsonContext.Default.EventsListResponse, ct);
    }

    public Task<GoogleEvent> GetEventAsync(GoogleAccount account, string calendarId, string eventId, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Get, EventUrl(calendarId, eventId), null, null, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> InsertEventAsync(GoogleAccount account, string calendarId, GoogleEvent googleEvent, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Post, EventsUrl(calendarId), Json(googleEvent, GoogleJsonContext.Default.GoogleEvent), null, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> UpdateEventAsync(GoogleAccount account, string calendarId, string eventId, GoogleEvent googleEvent, string? ifMatchEtag, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Put, EventUrl(calendarId, eventId), Json(googleEvent, GoogleJsonContext.Default.GoogleEvent), ifMatchEtag, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> PatchEventAsync(GoogleAccount account, string calendarId, string eventId, GoogleEvent patch, string? ifMatchEtag, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Patch, EventUrl(calendarId, eventId), Json(patch, GoogleJsonContext.Default.GoogleEvent), ifMatchEtag, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task DeleteEventAsync(GoogleAccount account, string calendarId, string eventId, string? ifMatchEtag, CancellationToken ct) =>
        SendAsync<object>(account, HttpMethod.Delete, EventUrl(calendarId, eventId), null, ifMatchEtag, null, ct);

    public Task<Channel> WatchEventsAsync(GoogleAccount account, string calendarId, Channel channel, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Post, EventsUrl(calendarId) + "/watch", Json(channel with { Type = channel.Type ?? Channel.WebHookType }, GoogleJsonContext.Default.Channel), null, GoogleJsonContext.Default.Channel, ct);

    public Task StopChannelAsync(GoogleAccount account, string channelId, string resourceId, CancellationToken ct) =>
        SendAsync<object>(account, HttpMethod.Post, "calendar/v3/channels/stop", Json(new Channel { Id = channelId, ResourceId = resourceId }, GoogleJsonContext.Default.Channel), null, null, ct);

    public Task<GoogleCalendar> GetCalendarAsync(GoogleAccount account, string calendarId, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Get, $"calendar/v3/calendars/{Escape(calendarId)}", null, null, GoogleJsonContext.Default.GoogleCalendar, ct);

    public async Task<IReadOnlyList<CalendarListEntry>> ListCalendarsAsync(GoogleAccount account, CancellationToken ct)
    {
        var calendars = new List<CalendarListEntry>();
        string? pageToken = null;
        do
        {
            var query = new QueryBuilder().Add("maxResults", "250").Add("pageToken", pageToken);
            var page = await SendAsync(account, HttpMethod.Get, "calendar/v3/users/me/calendarList" + query, null, null,
                GoogleJsonContext.Default.CalendarListResponse, ct).ConfigureAwait(false);
            calendars.AddRange(page.Items ?? []);
            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);

        return calendars;
    }

    public Task<GoogleCalendar> InsertCalendarAsync(GoogleAccount account, GoogleCalendar calendar, CancellationToken ct) =>
        SendAsync(account, HttpMethod.Post, "calendar/v3/calendars", Json(calendar, GoogleJsonContext.Default.GoogleCalendar), null, GoogleJsonContext.Default.GoogleCalendar, ct);

    /// <summary>Sends one logical call (the handlers may make several attempts) and maps the final response.
    /// <paramref name="responseType"/> null = no body expected.</summary>
    private async Task<T> SendAsync<T>(
        GoogleAccount account, HttpMethod method, string relativeUrl, HttpContent? content, string? ifMatchEtag, JsonTypeInfo<T>? responseType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, relativeUrl) { Content = content };
        request.Options.Set(GoogleRequestOptions.UserId, account.UserId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (ifMatchEtag is not null)
        {
            // Google's etags are quoted strings; sent verbatim (no header-value parsing that could re-quote them).
            request.Headers.TryAddWithoutValidation("If-Match", ifMatchEtag);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GoogleErrorClassifier.FromResponseAsync(response, time, ct).ConfigureAwait(false);
        }

        if (responseType is null)
        {
            return default!;
        }

        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, responseType, ct).ConfigureAwait(false)
                ?? throw new GoogleApiException(response.StatusCode, null, $"{method} {relativeUrl} returned an empty body.");
        }
    }

    /// <summary>Serialized once into bytes, so the same content can be re-sent by retries and the 401 re-send.</summary>
    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static string EventsUrl(string calendarId) => string.Format(CultureInfo.InvariantCulture, EventsPath, Escape(calendarId));

    private static string EventUrl(string calendarId, string eventId) => $"{EventsUrl(calendarId)}/{Escape(eventId)}";

    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        return Uri.EscapeDataString(segment);
    }

    private static string? FormatBool(bool? value) => value switch { true => "true", false => "false", null => null };

    /// <summary>RFC 3339 with an explicit offset, as Google requires for timeMin/timeMax.</summary>
    private static string? FormatTime(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private sealed class QueryBuilder
    {
        private readonly StringBuilder _query = new();

        public QueryBuilder Add(string name, string? value)
        {
            if (value is not null)
            {
                _query.Append(_query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }

            return this;
        }

        public override string ToString() => _query.ToString();
    }
}
