using System.Text.Json.Nodes;
using GoogleCalendarEmulator.Calendar;
using GoogleCalendarEmulator.Calendar.Model;
using GoogleCalendarEmulator.Errors;
using GoogleCalendarEmulator.Faults;
using GoogleCalendarEmulator.Json;
using GoogleCalendarEmulator.Push;
using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GoogleCalendarEmulator.Admin;

/// <summary>
/// Emulator-only control routes under /emulator/ (no auth, never logged or rate limited). The "person" routes change
/// events the way a user in Google's UI would: new etag/updated and push notifications, but no API call counted.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/emulator").AddEndpointFilter(RenderGoogleErrorsAsync);

        admin.MapPost("/faults", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            var rule = await JsonBody.ReadAsync<FaultRule>(r, ct);
            s.Faults.Add(rule);
            return Results.NoContent();
        });
        admin.MapPost("/faults/lost-responses", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            s.Faults.AddLostResponses(await JsonBody.ReadAsync<LostResponseRule>(r, ct));
            return Results.NoContent();
        });
        admin.MapPost("/faults/random", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            s.Faults.SetRandom(await JsonBody.ReadAsync<RandomFaultRule>(r, ct));
            return Results.NoContent();
        });
        admin.MapDelete("/faults", (EmulatorState s) =>
        {
            s.Faults.ClearFaults();
            return Results.NoContent();
        });
        admin.MapPost("/latency", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            s.Faults.SetLatency(TimeSpan.FromMilliseconds((await JsonBody.ReadAsync<LatencyRequest>(r, ct)).Milliseconds));
            return Results.NoContent();
        });
        admin.MapPost("/notifications", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            s.Notifications.SetBehavior(await JsonBody.ReadAsync<NotificationBehavior>(r, ct));
            return Results.NoContent();
        });
        admin.MapPost("/notifications/flush", async (EmulatorState s, CancellationToken ct) =>
        {
            await s.Notifications.FlushAsync(ct);
            return Results.NoContent();
        });

        admin.MapPost("/tokens/expire", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
            Json(new AffectedCount(s.OAuth.ExpireAccessTokens((await JsonBody.ReadAsync<AccountRequest>(r, ct)).Email))));
        admin.MapPost("/grants/revoke", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
            Json(new AffectedCount(s.OAuth.RevokeGrants((await JsonBody.ReadAsync<AccountRequest>(r, ct)).Email))));
        admin.MapPost("/synctokens/invalidate", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            var account = s.GetOrCreateAccount((await JsonBody.ReadAsync<AccountRequest>(r, ct)).Email);
            lock (account.Gate)
            {
                account.InvalidateSyncTokens();
            }

            return Results.NoContent();
        });

        admin.MapPost("/accounts", async (HttpRequest r, EmulatorState s, CancellationToken ct) =>
        {
            var email = (await JsonBody.ReadAsync<AccountRequest>(r, ct)).Email;
            if (string.IsNullOrWhiteSpace(email))
            {
                throw GoogleErrors.Required("Missing email.");
            }

            s.EnsureAccount(email);
            return Results.Json(new AccountRequest(email), GoogleJson.Options, statusCode: StatusCodes.Status201Created);
        });
        admin.MapPost("/accounts/{email}/calendars", async (HttpRequest r, string email, EmulatorState s, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<SharedCalendarRequest>(r, ct);
            if (!CalendarAccessRoles.IsKnown(body.AccessRole))
            {
                throw GoogleErrors.Invalid("Unknown access role: " + body.AccessRole);
            }

            var calendar = CalendarApiEndpoints.AddCalendar(s.GetOrCreateAccount(email), s, body.Summary, null, body.TimeZone, body.AccessRole);
            return Results.Json(CalendarApiEndpoints.ToResource(calendar), GoogleJson.Options, statusCode: StatusCodes.Status201Created);
        });
        admin.MapPost("/accounts/{email}/tokens", (string email, EmulatorState s) => Json(s.IssueTokens(email)));

        var person = admin.MapGroup("/accounts/{email}/calendars/{calendarId}/events");
        person.MapPost("", async (HttpRequest r, string email, string calendarId, EmulatorState s, EventService events, CancellationToken ct) =>
            Json(events.Insert(s.GetOrCreateAccount(email), calendarId, await JsonBody.ReadAsync<CalendarEvent>(r, ct))));
        // Many events at once, as many single creates would make them (one after the other, each its own change,
        // etag and push): set-up of large calendars without one HTTP round trip per event.
        person.MapPost("/bulk", async (HttpRequest r, string email, string calendarId, EmulatorState s, EventService events, CancellationToken ct) =>
        {
            var account = s.GetOrCreateAccount(email);
            var batch = await JsonBody.ReadAsync<EventBatch>(r, ct);
            return Json(new EventBatch([.. (batch.Items ?? []).Select(e => events.Insert(account, calendarId, e))]));
        });
        person.MapPost("/bulk-patch", async (HttpRequest r, string email, string calendarId, EmulatorState s, EventService events, CancellationToken ct) =>
        {
            var account = s.GetOrCreateAccount(email);
            var batch = await JsonBody.ReadAsync<EventPatchBatch>(r, ct);
            return Json(new EventBatch([.. (batch.Items ?? []).Select(p => events.Patch(account, calendarId, p.Id, p.Patch, ifMatch: null))]));
        });
        person.MapPatch("/{eventId}", async (HttpRequest r, string email, string calendarId, string eventId, EmulatorState s, EventService events, CancellationToken ct) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(r, ct);
            return Json(events.Patch(s.GetOrCreateAccount(email), calendarId, eventId, patch, ifMatch: null));
        });
        person.MapPost("/{eventId}/thisAndFollowing", async (HttpRequest r, string email, string calendarId, string eventId, EmulatorState s, EventService events, CancellationToken ct) =>
        {
            JsonObject changes = await JsonBody.ReadObjectAsync(r, ct);
            return Json(events.SplitFromInstance(s.GetOrCreateAccount(email), calendarId, eventId, changes));
        });
        person.MapDelete("/{eventId}", (string email, string calendarId, string eventId, EmulatorState s, EventService events) =>
        {
            events.Delete(s.GetOrCreateAccount(email), calendarId, eventId, ifMatch: null);
            return Results.NoContent();
        });

        GoogleSideEndpoints.Map(admin);
        admin.MapGet("/requests", (EmulatorState s) => Json(s.Requests.Snapshot()));
        admin.MapGet("/requests/counts", (EmulatorState s) => Json(s.Requests.Counts()));
        admin.MapDelete("/requests", (EmulatorState s) =>
        {
            s.Requests.Clear();
            return Results.NoContent();
        });
        admin.MapPost("/reset", (EmulatorState s) =>
        {
            s.Reset();
            return Results.NoContent();
        });
    }

    private static IResult Json<T>(T value) => Results.Json(value, GoogleJson.Options);

    private static async ValueTask<object?> RenderGoogleErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (GoogleApiException ex)
        {
            return ex.ToResult(context.HttpContext.Response);
        }
    }
}
