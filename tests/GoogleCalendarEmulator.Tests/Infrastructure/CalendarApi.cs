using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>Raw HTTP calls to /calendar/v3, returning status and parsed JSON as a Google client would see them.</summary>
public sealed class CalendarApi(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<ApiResponse> InsertAsync(object body, string calendarId = "primary") =>
        SendAsync(HttpMethod.Post, $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events", body);

    public Task<ApiResponse> GetAsync(string eventId, string calendarId = "primary") =>
        SendAsync(HttpMethod.Get, EventPath(calendarId, eventId), null);

    public Task<ApiResponse> UpdateAsync(string eventId, object body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, EventPath("primary", eventId), body, ifMatch);

    public Task<ApiResponse> PatchAsync(string eventId, object body, string? ifMatch = null) =>
        SendAsync(HttpMethod.Patch, EventPath("primary", eventId), body, ifMatch);

    public Task<ApiResponse> DeleteAsync(string eventId, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, EventPath("primary", eventId), null, ifMatch);

    public Task<ApiResponse> ListAsync(string query = "", string calendarId = "primary") =>
        SendAsync(HttpMethod.Get, $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events{(query.Length > 0 ? "?" + query : "")}", null);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    /// <summary>Collects every item of a full or incremental listing, following nextPageToken.</summary>
    public async Task<(List<JsonNode> Items, string SyncToken, int Pages)> ListAllAsync(string query)
    {
        var items = new List<JsonNode>();
        string? pageToken = null;
        var pages = 0;
        while (true)
        {
            var page = await ListAsync(query + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages++;
            items.AddRange(page.Json!["items"]!.AsArray().Select(i => i!.DeepClone()));
            pageToken = (string?)page.Json["nextPageToken"];
            if (pageToken is null)
            {
                return (items, (string)page.Json["nextSyncToken"]!, pages);
            }

            Assert.Null(page.Json["nextSyncToken"]);
        }
    }

    private static string EventPath(string calendarId, string eventId) =>
        $"calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events/{Uri.EscapeDataString(eventId)}";
}

public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json, System.Net.Http.Headers.HttpResponseHeaders Headers)
{
    public string Id => (string)Json!["id"]!;
    public string Etag => (string)Json!["etag"]!;

    /// <summary>Asserts the body equals Google's error JSON exactly.</summary>
    public void AssertGoogleError(HttpStatusCode status, string expectedJson)
    {
        Assert.Equal(status, Status);
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, Json), $"Expected {expected?.ToJsonString()} but got {Json?.ToJsonString()}");
    }
}
