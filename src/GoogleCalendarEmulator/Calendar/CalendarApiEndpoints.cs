using System.Globalization;
using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Calendar.Listing;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Calendar.Recurrence;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Pipeline;
using GoogleCalendarEmulator.Push;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>Calendar API v3 routes under /calendar/v3, all requiring a bearer token.</summary>
internal static class CalendarApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/calendar/v3").AddEndpointFilter<ApiPipelineFilter>();

        api.MapPost("/calendars", InsertCalendarAsync).WithMetadata(Op("calendars.insert"));
        api.MapGet("/calendars/{calendarId}", GetCalendar).WithMetadata(Op("calendars.get"));
        CalendarListEndpoints.Map(api);

        api.MapGet("/calendars/{calendarId}/events", ListEvents).WithMetadata(Op("events.list"));
        api.MapPost("/calendars/{calendarId}/events", InsertEventAsync).WithMetadata(Op("events.insert"));
        api.MapPost("/calendars/{calendarId}/events/watch", WatchAsync).WithMetadata(Op("events.watch"));
        api.MapGet("/calendars/{calendarId}/events/{eventId}/instances", ListInstances).WithMetadata(Op("events.instances"));
        api.MapGet("/calendars/{calendarId}/events/{eventId}", GetEvent).WithMetadata(Op("events.get"));
        api.MapPut("/calendars/{calendarId}/events/{eventId}", UpdateEventAsync).WithMetadata(Op("events.update"));
        api.MapPatch("/calendars/{calendarId}/events/{eventId}", PatchEventAsync).WithMetadata(Op("events.patch"));
        api.MapDelete("/calendars/{calendarId}/events/{eventId}", DeleteEvent).WithMetadata(Op("events.delete"));
        api.MapPost("/calendars/{calendarId}/events/{eventId}/move", MoveEvent).WithMetadata(Op("events.move"));
        api.MapPost("/channels/stop", StopChannelAsync).WithMetadata(Op("channels.stop"));
    }

    internal static ApiOperation Op(string name) => new(name, RequiresBearerToken: true);

    internal static IResult Json<T>(T value) => Results.Json(value, GoogleJson.Options);

    /// <summary>The caller's account, after checking its role allows API writes to the calendar (403 requiredAccessLevel
    /// otherwise, as Google answers for a calendar shared read-only). Roles never change, so checking before the write
    /// takes the lock is race-free.</summary>
    private static Account WritableAccount(HttpContext http, string calendarId)
    {
        var account = ApiContext.Account(http);
        lock (account.Gate)
        {
            return EventService.Calendar(account, calendarId).CanWrite ? account : throw GoogleErrors.RequiredAccessLevel();
        }
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;

    private static async Task<IResult> InsertCalendarAsync(HttpContext http, EmulatorState state, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CalendarResourceInput>(http.Request, ct);
        return Json(ToResource(AddCalendar(ApiContext.Account(http), state, body.Summary, body.Description, body.TimeZone, CalendarAccessRoles.Owner)));
    }

    /// <summary>Adds a secondary calendar (id in Google's <c>…@group.calendar.google.com</c> form) on which the account
    /// has <paramref name="accessRole"/>: owner for calendars.insert, any role for the admin route that models a
    /// calendar shared with the account.</summary>
    internal static CalendarData AddCalendar(Account account, EmulatorState state, string? summary, string? description, string? timeZone,
        string accessRole)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            throw GoogleErrors.Required("Missing title.");
        }

        var zone = timeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw GoogleErrors.Invalid("Invalid time zone.");
        }

        var calendar = new CalendarData(
            $"{ListTokenCodec.NewResourceId().ToLowerInvariant().Replace('-', '0').Replace('_', '1')}@group.calendar.google.com",
            summary, zone, primary: false, ListTokenCodec.NewResourceId(), state.Time.GetUtcNow(), accessRole)
        {
            Description = description,
        };
        lock (account.Gate)
        {
            calendar.List.ChangeSequence = account.NextCalendarListChange();
            account.Calendars[calendar.Id] = calendar;
        }

        return calendar;
    }

    private static IResult GetCalendar(HttpContext http, string calendarId)
    {
        var account = ApiContext.Account(http);
        lock (account.Gate)
        {
            return Json(ToResource(EventService.Calendar(account, calendarId)));
        }
    }

    private static IResult ListEvents(HttpContext http, string calendarId, EventLister lister) =>
        Json(lister.List(ApiContext.Account(http), calendarId, EventListQuery.Parse(http.Request.Query)));

    private static IResult ListInstances(HttpContext http, string calendarId, string eventId, InstanceLister lister) =>
        Json(lister.List(ApiContext.Account(http), calendarId, eventId, InstancesQuery.Parse(http.Request.Query)));

    private static IResult GetEvent(HttpContext http, string calendarId, string eventId, EventService events) =>
        Json(events.Get(ApiContext.Account(http), calendarId, eventId));

    private static async Task<IResult> InsertEventAsync(HttpContext http, string calendarId, EventService events, CancellationToken ct)
    {
        var input = await JsonBody.ReadAsync<CalendarEvent>(http.Request, ct);
        return Json(events.Insert(WritableAccount(http, calendarId), calendarId, input));
    }

    private static async Task<IResult> UpdateEventAsync(HttpContext http, string calendarId, string eventId, EventService events, CancellationToken ct)
    {
        var input = await JsonBody.ReadAsync<CalendarEvent>(http.Request, ct);
        return Json(events.Update(WritableAccount(http, calendarId), calendarId, eventId, input, IfMatch(http.Request)));
    }

    private static async Task<IResult> PatchEventAsync(HttpContext http, string calendarId, string eventId, EventService events, CancellationToken ct)
    {
        JsonObject patch = await JsonBody.ReadObjectAsync(http.Request, ct);
        return Json(events.Patch(WritableAccount(http, calendarId), calendarId, eventId, patch, IfMatch(http.Request)));
    }

    private static IResult DeleteEvent(HttpContext http, string calendarId, string eventId, EventService events)
    {
        events.Delete(WritableAccount(http, calendarId), calendarId, eventId, IfMatch(http.Request));
        return Results.NoContent();
    }

    private static IResult MoveEvent(HttpContext http, string calendarId, string eventId, string? destination, EventMover mover) =>
        Json(mover.Move(ApiContext.Account(http), calendarId, eventId, destination));

    private static async Task<IResult> WatchAsync(HttpContext http, string calendarId, EmulatorState state, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<WatchChannelResource>(http.Request, ct);
        if (string.IsNullOrEmpty(body.Id) || body.Id.Length > 64)
        {
            throw GoogleErrors.Required("Missing channel id.");
        }

        if (body.Type is not ("web_hook" or "webhook"))
        {
            throw GoogleErrors.BadRequest("Unknown channel type: " + body.Type);
        }

        if (!Uri.TryCreate(body.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw GoogleErrors.BadRequest("WebHook callback must be HTTPS: " + body.Address);
        }

        if (body.Token is { Length: > 256 })
        {
            throw GoogleErrors.Invalid("Channel token is too long.");
        }

        var now = state.Time.GetUtcNow();
        var expiration = RequestedExpiration(body, now);
        var maximum = now + state.Options.MaxChannelTtl;
        if (expiration > maximum)
        {
            expiration = maximum;
        }

        // Whole milliseconds, as the wire format carries them.
        expiration = DateTimeOffset.FromUnixTimeMilliseconds(expiration.ToUnixTimeMilliseconds());

        var account = ApiContext.Account(http);
        var resourceUri = $"{http.Request.Scheme}://{http.Request.Host}/calendar/v3/calendars/{Uri.EscapeDataString(calendarId)}/events?alt=json";
        lock (account.Gate)
        {
            var calendar = EventService.Calendar(account, calendarId);
            var channel = new WatchChannel(body.Id, calendar.ResourceId, resourceUri, body.Token, address, expiration, account.Email, calendar.Id);
            if (!state.Channels.TryAdd(channel))
            {
                throw GoogleErrors.BadRequest($"Channel id {body.Id} not unique");
            }

            state.Notifications.Enqueue(channel, "sync");
            return Json(new WatchChannelResource
            {
                Kind = "api#channel",
                Id = channel.Id,
                ResourceId = channel.ResourceId,
                ResourceUri = channel.ResourceUri,
                Token = channel.Token,
                Expiration = expiration.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            });
        }
    }

    private static DateTimeOffset RequestedExpiration(WatchChannelResource body, DateTimeOffset now)
    {
        if (body.Expiration is { } text)
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : throw GoogleErrors.Invalid("Invalid expiration.");
        }

        if (body.Params?.GetValueOrDefault("ttl") is { } ttlText)
        {
            return long.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? now + TimeSpan.FromSeconds(seconds)
                : throw GoogleErrors.Invalid("Invalid ttl.");
        }

        return now + TimeSpan.FromSeconds(604800);
    }

    private static async Task<IResult> StopChannelAsync(HttpContext http, EmulatorState state, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<WatchChannelResource>(http.Request, ct);
        return state.Channels.TryStop(ApiContext.Account(http).Email, body.Id, body.ResourceId)
            ? Results.NoContent()
            : throw GoogleErrors.NotFound();
    }

    internal static CalendarResource ToResource(CalendarData calendar) => new()
    {
        Etag = calendar.Etag,
        Id = calendar.Id,
        Summary = calendar.Summary,
        Description = calendar.Description,
        TimeZone = calendar.TimeZone,
    };

    private sealed record CalendarResourceInput(string? Summary, string? Description, string? TimeZone);
}
