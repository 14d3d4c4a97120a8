using System.Net;
using System.Text.Json.Nodes;

namespace GoogleCalendarEmulator.Tests.Infrastructure;

/// <summary>events.instances and helpers for recurring-event tests.</summary>
public static class RecurringApi
{
    public static Task<ApiResponse> InstancesAsync(this CalendarApi api, string eventId, string query = "") =>
        api.SendAsync(HttpMethod.Get,
            $"calendar/v3/calendars/primary/events/{Uri.EscapeDataString(eventId)}/instances{(query.Length > 0 ? "?" + query : "")}", null);

    /// <summary>The items of a successful list or instances page.</summary>
    public static List<JsonNode> Items(this ApiResponse page)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Json!["items"]!.AsArray().Select(i => i!).ToList();
    }

    public static List<string> Ids(this IEnumerable<JsonNode> items) => items.Select(i => (string)i["id"]!).ToList();

    /// <summary>Inserts a series and asserts Google accepted it.</summary>
    public static async Task<ApiResponse> InsertSeriesAsync(this CalendarApi api, object series)
    {
        var inserted = await api.InsertAsync(series);
        Assert.True(inserted.Status == HttpStatusCode.OK, inserted.Json?.ToJsonString());
        return inserted;
    }
}

/// <summary>Recurring event bodies as a Google client sends them.</summary>
public static class Series
{
    /// <summary>An all-day series (no time zone, as Google allows), by default monthly rent on the 1st, 12 times from January 2027.</summary>
    public static object AllDay(string summary = "Rent", string start = "2027-01-01", string end = "2027-01-02", params string[] recurrence) =>
        new
        {
            summary,
            start = new { date = start },
            end = new { date = end },
            recurrence = recurrence.Length > 0 ? recurrence : ["RRULE:FREQ=MONTHLY;COUNT=12"],
            extendedProperties = new
            {
                @private = new Dictionary<string, string> { ["aegisId"] = "7" },
                shared = new Dictionary<string, string> { ["kind"] = "bill" },
            },
        };

    /// <summary>A timed series with its IANA zone (Google requires one for a timed series).</summary>
    public static object Timed(string start, string end, string timeZone, params string[] recurrence) =>
        new
        {
            summary = "Salary",
            start = new { dateTime = start, timeZone },
            end = new { dateTime = end, timeZone },
            recurrence,
        };
}
