using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aegis.CalendarSync.Google.Batch;
using Aegis.CalendarSync.Google.Errors;
using Aegis.CalendarSync.Google.Http;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Observability;

namespace Aegis.CalendarSync.Google;

/// <summary>Typed HttpClient over Calendar API v3 (base address = <see cref="GoogleApiOptions.ApiBaseUrl"/>).
/// Authentication, rate limiting and retries are handlers of the client's pipeline (see
/// <see cref="GoogleServiceCollectionExtensions.AddGoogleCalendarClient"/>); this class builds requests and maps
/// responses.</summary>
internal sealed class GoogleCalendarClient(HttpClient http, TimeProvider time) : IGoogleCalendarClient
{
    /// <summary>Most calls one batch may carry: Google's Calendar batch limit as its support and client maintainers
    /// give it (the batch guide now says 1000; 50 works against both).</summary>
    public const int MaxBatchCalls = 50;

    private const string EventsPath = "calendar/v3/calendars/{0}/events";
    private const string BatchPath = "batch/calendar/v3";
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

        return SendAsync("events.list", account, HttpMethod.Get, EventsUrl(calendarId) + query, null, null, GoogleJsonContext.Default.EventsListResponse, ct);
    }

    public Task<GoogleEvent> GetEventAsync(GoogleAccount account, string calendarId, string eventId, CancellationToken ct) =>
        SendAsync("events.get", account, HttpMethod.Get, EventUrl(calendarId, eventId), null, null, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> InsertEventAsync(GoogleAccount account, string calendarId, GoogleEvent googleEvent, CancellationToken ct) =>
        SendAsync("events.insert", account, HttpMethod.Post, EventsUrl(calendarId), Json(googleEvent, GoogleJsonContext.Default.GoogleEvent), null, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> UpdateEventAsync(GoogleAccount account, string calendarId, string eventId, GoogleEvent googleEvent, string? ifMatchEtag, CancellationToken ct) =>
        SendAsync("events.update", account, HttpMethod.Put, EventUrl(calendarId, eventId), Json(googleEvent, GoogleJsonContext.Default.GoogleEvent), ifMatchEtag, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> PatchEventAsync(GoogleAccount account, string calendarId, string eventId, GoogleEvent patch, string? ifMatchEtag, CancellationToken ct) =>
        SendAsync("events.patch", account, HttpMethod.Patch, EventUrl(calendarId, eventId), Json(patch, GoogleJsonContext.Default.GoogleEvent), ifMatchEtag, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task<GoogleEvent> MoveEventAsync(GoogleAccount account, string calendarId, string eventId, string destinationCalendarId, CancellationToken ct) =>
        SendAsync("events.move", account, HttpMethod.Post, $"{EventUrl(calendarId, eventId)}/move?destination={Uri.EscapeDataString(destinationCalendarId)}",
            null, null, GoogleJsonContext.Default.GoogleEvent, ct);

    public Task DeleteEventAsync(GoogleAccount account, string calendarId, string eventId, string? ifMatchEtag, CancellationToken ct) =>
        SendAsync<object>("events.delete", account, HttpMethod.Delete, EventUrl(calendarId, eventId), null, ifMatchEtag, null, ct);

    public Task<Channel> WatchEventsAsync(GoogleAccount account, string calendarId, Channel channel, CancellationToken ct) =>
        SendAsync("events.watch", account, HttpMethod.Post, EventsUrl(calendarId) + "/watch", Json(channel with { Type = channel.Type ?? Channel.WebHookType }, GoogleJsonContext.Default.Channel), null, GoogleJsonContext.Default.Channel, ct);

    public Task StopChannelAsync(GoogleAccount account, string channelId, string resourceId, CancellationToken ct) =>
        SendAsync<object>("channels.stop", account, HttpMethod.Post, "calendar/v3/channels/stop", Json(new Channel { Id = channelId, ResourceId = resourceId }, GoogleJsonContext.Default.Channel), null, null, ct);

    public Task<GoogleCalendar> GetCalendarAsync(GoogleAccount account, string calendarId, CancellationToken ct) =>
        SendAsync("calendars.get", account, HttpMethod.Get, $"calendar/v3/calendars/{Escape(calendarId)}", null, null, GoogleJsonContext.Default.GoogleCalendar, ct);

    public async Task<IReadOnlyList<CalendarListEntry>> ListCalendarsAsync(GoogleAccount account, CancellationToken ct)
    {
        var calendars = new List<CalendarListEntry>();
        string? pageToken = null;
        do
        {
            var query = new QueryBuilder().Add("maxResults", "250").Add("pageToken", pageToken);
            var page = await SendAsync("calendarList.list", account, HttpMethod.Get, "calendar/v3/users/me/calendarList" + query, null, null,
                GoogleJsonContext.Default.CalendarListResponse, ct).ConfigureAwait(false);
            calendars.AddRange(page.Items ?? []);
            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);

        return calendars;
    }

    public Task<GoogleCalendar> InsertCalendarAsync(GoogleAccount account, GoogleCalendar calendar, CancellationToken ct) =>
        SendAsync("calendars.insert", account, HttpMethod.Post, "calendar/v3/calendars", Json(calendar, GoogleJsonContext.Default.GoogleCalendar), null, GoogleJsonContext.Default.GoogleCalendar, ct);

    public async Task<IReadOnlyList<GoogleBatchResult>> ExecuteBatchAsync(GoogleAccount account, IReadOnlyList<GoogleBatchOperation> operations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentOutOfRangeException.ThrowIfZero(operations.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(operations.Count, MaxBatchCalls);
        var calls = operations.Select(BatchCall).ToList();
        var multipart = BatchRequestWriter.Write(calls);
        var body = await multipart.ReadAsByteArrayAsync(ct).ConfigureAwait(false);

        var parts = await SendBatchAsync(account, multipart.Headers.ContentType!, body, operations.Count, refreshFirst: false, ct).ConfigureAwait(false);
        if (parts.All(p => p.Status == HttpStatusCode.Unauthorized))
        {
            // One token authorises every call: all 401 means it expired or was revoked, as a 401 on a single call does.
            parts = await SendBatchAsync(account, multipart.Headers.ContentType!, body, operations.Count, refreshFirst: true, ct).ConfigureAwait(false);
        }

        var byContentId = parts.Where(p => p.ContentId is not null).ToDictionary(p => p.ContentId!, StringComparer.Ordinal);
        return operations.Select((operation, i) => byContentId.TryGetValue(BatchResponseId(i), out var part)
                ? BatchResult(operation, part)
                : new GoogleBatchResult(operation, null, new GoogleApiException(HttpStatusCode.BadGateway, null, $"The batch answer has no part {BatchResponseId(i)}.")))
            .ToList();
    }

    private async Task<IReadOnlyList<BatchPartResponse>> SendBatchAsync(
        GoogleAccount account, MediaTypeHeaderValue contentType, byte[] body, int calls, bool refreshFirst, CancellationToken ct)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType;
        return await SendAsync("batch", account, HttpMethod.Post, BatchPath, content, null, request =>
        {
            request.Options.Set(GoogleRequestOptions.Cost, calls);
            request.Options.Set(GoogleRequestOptions.RefreshFirst, refreshFirst);
        }, async (response, token) =>
        {
            var boundary = response.Content.Headers.ContentType is { MediaType: "multipart/mixed" } type
                ? type.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"')
                : null;
            var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            try
            {
                return boundary is null
                    ? throw new FormatException("The batch answer is not multipart/mixed.")
                    : BatchResponseReader.Read(boundary, text);
            }
            catch (FormatException ex)
            {
                throw new GoogleApiException(response.StatusCode, null, ex.Message, inner: ex);
            }
        }, ct).ConfigureAwait(false);
    }

    private (HttpMethod Method, string PathAndQuery, string? IfMatch, byte[]? Json) BatchCall(GoogleBatchOperation operation)
    {
        var (method, url) = operation.Method switch
        {
            GoogleBatchMethod.Insert => (HttpMethod.Post, EventsUrl(operation.CalendarId)),
            GoogleBatchMethod.Update => (HttpMethod.Put, EventUrl(operation.CalendarId, Required(operation.EventId))),
            GoogleBatchMethod.Patch => (HttpMethod.Patch, EventUrl(operation.CalendarId, Required(operation.EventId))),
            GoogleBatchMethod.Delete => (HttpMethod.Delete, EventUrl(operation.CalendarId, Required(operation.EventId))),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Method, "Unknown batch method."),
        };
        var json = operation.Method == GoogleBatchMethod.Delete
            ? null
            : JsonSerializer.SerializeToUtf8Bytes(operation.Event ?? throw new ArgumentException($"{operation.Method} needs an event.", nameof(operation)),
                GoogleJsonContext.Default.GoogleEvent);
        return (method, new Uri(http.BaseAddress!, url).PathAndQuery, operation.IfMatchEtag, json);

        static string Required(string? eventId) => eventId ?? throw new ArgumentException("The operation needs an event id.", nameof(operation));
    }

    private GoogleBatchResult BatchResult(GoogleBatchOperation operation, BatchPartResponse part)
    {
        if ((int)part.Status is >= 200 and < 300)
        {
            return new GoogleBatchResult(operation, operation.Method == GoogleBatchMethod.Delete || part.Body.Length == 0
                ? null
                : JsonSerializer.Deserialize(part.Body, GoogleJsonContext.Default.GoogleEvent), null);
        }

        GoogleError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(part.Body, GoogleJsonContext.Default.GoogleErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // Not Google-shaped: classified by status alone.
        }

        var retryAfter = part.Headers.TryGetValue("Retry-After", out var header)
            && int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : (TimeSpan?)null;
        return new GoogleBatchResult(operation, null, GoogleErrorClassifier.Create(
            part.Status, error?.Errors is [var first, ..] ? first.Reason : null, error?.Message ?? $"HTTP {(int)part.Status}", retryAfter));
    }

    private static string BatchResponseId(int index) => "<response-" + BatchRequestWriter.ContentId(index).Trim('<', '>') + ">";

    /// <summary>Sends one logical call (the handlers may make several attempts) and maps the final response.
    /// <paramref name="responseType"/> null = no body expected.</summary>
    private Task<T> SendAsync<T>(string operation,
        GoogleAccount account, HttpMethod method, string relativeUrl, HttpContent? content, string? ifMatchEtag, JsonTypeInfo<T>? responseType, CancellationToken ct) =>
        SendAsync(operation, account, method, relativeUrl, content, ifMatchEtag, null, async (response, token) =>
        {
            if (responseType is null)
            {
                return default!;
            }

            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, responseType, token).ConfigureAwait(false)
                    ?? throw new GoogleApiException(response.StatusCode, null, $"{method} {relativeUrl} returned an empty body.");
            }
        }, ct);

    /// <summary>One logical call in a <c>google.calendar {operation}</c> span (see <see cref="SyncTracing.StartGoogleCall"/>).</summary>
    private async Task<T> SendAsync<T>(string operation,
        GoogleAccount account, HttpMethod method, string relativeUrl, HttpContent? content, string? ifMatchEtag,
        Action<HttpRequestMessage>? configure, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        using var span = SyncTracing.StartGoogleCall(operation, account.UserId);
        try
        {
            return await SendCoreAsync(account, method, relativeUrl, content, ifMatchEtag, configure, read, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SyncTracing.Fail(span, ex);
            throw;
        }
    }

    private async Task<T> SendCoreAsync<T>(
        GoogleAccount account, HttpMethod method, string relativeUrl, HttpContent? content, string? ifMatchEtag,
        Action<HttpRequestMessage>? configure, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, relativeUrl) { Content = content };
        request.Options.Set(GoogleRequestOptions.UserId, account.UserId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (ifMatchEtag is not null)
        {
            // Google's etags are quoted strings; sent verbatim (no header-value parsing that could re-quote them).
            request.Headers.TryAddWithoutValidation("If-Match", ifMatchEtag);
        }

        configure?.Invoke(request);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GoogleErrorClassifier.FromResponseAsync(response, time, ct).ConfigureAwait(false);
        }

        return await read(response, ct).ConfigureAwait(false);
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
