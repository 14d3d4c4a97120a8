using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>Every bad request gets a clear problem details error (webhooks: a 200 that triggers nothing), and the
/// store is byte-for-byte unchanged afterwards.</summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private delegate Task<HttpResponseMessage> BadRequest(BadInputFixture f);

    private static readonly Dictionary<string, (int Status, BadRequest Send)> Cases = new()
    {
        ["malformed_json"] = (400, f => f.A.Client.PostAsync("api/events", Json("{\"title\": \"Rent\", \"amount\": "))),
        ["json_array_instead_of_object"] = (400, f => f.A.Client.PostAsync("api/events", Json("[1, 2]"))),
        ["not_json_content_type"] = (415, f => f.A.Client.PostAsync("api/events", new StringContent("title=Rent", Encoding.UTF8, "text/plain"))),
        ["oversized_body"] = (413, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("description", new string('x', 70 * 1024)))),
        ["invalid_date"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("start_at", "2030-02-30T09:00:00Z"))),
        ["end_before_start"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("end_at", "2030-03-10T08:00:00+00:00"))),
        ["end_equals_start"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("end_at", "2030-03-10T09:00:00+00:00"))),
        ["amount_over_limit"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("amount", 10_000_000_000_000.0001m))),
        ["amount_overflowing_decimal"] = (400, f => f.A.Client.PostAsync("api/events", Json(Replace(EventBodies.Valid(), "\"amount\":84.37", "\"amount\":1e400")))),
        ["amount_negative"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("amount", -1m))),
        ["amount_five_decimals"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("amount", 1.23456m))),
        ["amount_below_the_euro_cent"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("amount", 10.123m))),
        ["amount_with_yen_decimals"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.Priced(1000.5m, "JPY"))),
        ["amount_below_the_dinar_fils"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.Priced(1.2345m, "KWD"))),
        ["occurrence_amount_below_the_cent"] = (400, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-10", new { amount = 5.555m })),
        ["unknown_currency"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("currency", "XYZ"))),
        ["lower_case_currency"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("currency", "eur"))),
        ["missing_title"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("title", null))),
        ["title_too_long"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("title", new string('t', 201)))),
        ["unknown_event_type"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("event_type", "lottery"))),
        ["unknown_status"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("status", "maybe"))),
        ["invalid_time_zone"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("time_zone", "Mars/Olympus_Mons"))),
        ["invalid_recurrence"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("recurrence", "every month"))),
        ["invalid_recurrence_rule"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("recurrence", "RRULE:FREQ=SOMETIMES"))),
        ["invalid_recurrence_count"] = (400, f => f.A.Client.PostJsonAsync("api/events", EventBodies.With("recurrence", "RRULE:FREQ=MONTHLY;COUNT=x"))),
        ["invalid_recurrence_exdate"] = (400, f => f.A.Client.PostJsonAsync("api/events",
            EventBodies.With("recurrence", "RRULE:FREQ=MONTHLY\nEXDATE;VALUE=DATE:soon"))),
        ["occurrence_unknown_status"] = (400, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-10", new { status = "maybe" })),
        ["occurrence_negative_amount"] = (400, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-10", new { amount = -5m })),
        ["occurrence_blank_title"] = (400, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-10", new { title = " " })),
        ["occurrence_end_before_start"] = (400, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-10",
            new { start_at = "2030-04-12T09:00:00Z", end_at = "2030-04-12T08:00:00Z" })),
        ["occurrence_malformed_original_start"] = (400, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/yesterday", new { status = "paid" })),
        ["occurrence_not_generated_by_the_series"] = (404, f => f.A.Client.PatchJsonAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-11", new { status = "paid" })),
        ["occurrence_after_the_series_ends"] = (404, f => f.A.Client.DeleteAsync($"api/events/{f.ASeriesId}/occurrences/2031-03-10")),
        ["occurrence_malformed_json"] = (400, f => f.A.Client.PatchAsync($"api/events/{f.ASeriesId}/occurrences/2030-04-10", Json("{\"status\": "))),
        ["occurrences_window_too_wide"] = (400, f => f.A.Client.GetAsync($"api/events/{f.ASeriesId}/occurrences?from=2030-01-01T00:00:00Z&to=2040-01-01T00:00:00Z")),
        ["occurrences_window_reversed"] = (400, f => f.A.Client.GetAsync($"api/events/{f.ASeriesId}/occurrences?from=2030-05-01T00:00:00Z&to=2030-01-01T00:00:00Z")),
        ["other_users_occurrences_list"] = (404, f => f.A.Client.GetAsync($"api/events/{f.BEventId}/occurrences")),
        ["other_users_occurrence_patch"] = (404, f => f.A.Client.PatchJsonAsync($"api/events/{f.BEventId}/occurrences/2030-03-10", new { status = "paid" })),
        ["other_users_occurrence_skip"] = (404, f => f.A.Client.DeleteAsync($"api/events/{f.BEventId}/occurrences/2030-03-10")),
        ["other_users_event_get"] = (404, f => f.A.Client.GetAsync($"api/events/{f.BEventId}")),
        ["other_users_event_update"] = (404, f => f.A.Client.PutJsonAsync($"api/events/{f.BEventId}", EventBodies.Valid("Hijacked"))),
        ["other_users_event_delete"] = (404, f => f.A.Client.DeleteAsync($"api/events/{f.BEventId}")),
        ["other_users_queue_item_retry"] = (404, f => f.A.Client.PostAsync($"api/sync/queue/{f.BQueueItemId}/retry", null)),
        ["unknown_conflict_resolve"] = (404, f => f.A.Client.PostAsJsonAsync("api/conflicts/999999/resolve", new { keep = "google" })),
        ["conflict_resolve_with_invalid_choice"] = (400, f => f.A.Client.PostAsJsonAsync("api/conflicts/1/resolve", new { keep = "both" })),
        ["invalid_conflict_strategy"] = (400, f => f.A.Client.PutJsonAsync("api/sync/settings", new { conflict_strategy = "coin_flip" })),
        ["invalid_queue_status_filter"] = (400, f => f.A.Client.GetAsync("api/sync/queue?status=stuck")),
        ["audit_limit_out_of_range"] = (400, f => f.A.Client.GetAsync("api/audit?limit=100000")),
        ["audit_unknown_action"] = (400, f => f.A.Client.GetAsync("api/audit?action=sync_everything")),
        ["audit_unknown_status"] = (400, f => f.A.Client.GetAsync("api/audit?status=maybe")),
        ["oauth_forged_state"] = (400, f => f.Server.CreateClient().GetAsync("api/google/auth/callback?state=forged.123.abc&code=4%2Fcode")),
        ["oauth_replayed_state"] = (400, f => f.Server.CreateClient().GetAsync(f.UsedCallback)),
        ["oauth_missing_state_and_code"] = (400, f => f.Server.CreateClient().GetAsync("api/google/auth/callback")),
        ["oauth_denied_with_forged_state"] = (400, f => f.Server.CreateClient().GetAsync("api/google/auth/callback?state=x&error=access_denied")),
        ["webhook_forged_channel_token"] = (200, async f =>
        {
            var s = await f.ASettingsAsync();
            return await Push(f, s.GoogleChannelId, "forged-token", s.GoogleResourceId, "exists", 1_000_000);
        }),
        ["webhook_unknown_channel"] = (200, async f =>
        {
            var s = await f.ASettingsAsync();
            return await Push(f, "no-such-channel", s.WebhookSecret, s.GoogleResourceId, "exists", 1_000_000);
        }),
        ["webhook_expired_channel"] = (200, f => Push(f, BadInputFixture.ExpiredChannelId, BadInputFixture.ExpiredChannelToken,
            BadInputFixture.ExpiredResourceId, "exists", 1_000_000)),
        ["webhook_resource_id_mismatch"] = (200, async f =>
        {
            var s = await f.ASettingsAsync();
            return await Push(f, s.GoogleChannelId, s.WebhookSecret, "other-resource", "exists", 1_000_000);
        }),
        ["webhook_replayed_message_number"] = (200, async f =>
        {
            var s = await f.ASettingsAsync();
            return await Push(f, s.GoogleChannelId, s.WebhookSecret, s.GoogleResourceId, "exists", s.LastMessageNumber);
        }),
        ["webhook_missing_headers"] = (200, f => f.Server.CreateClient().PostAsync("api/webhooks/google-calendar", null)),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_clearly_and_changes_nothing(string name)
    {
        var (status, send) = Cases[name];
        var before = await StoreSnapshot.TakeAsync(fixture.Server, fixture.A.Id, fixture.B.Id, fixture.C);

        var response = await send(fixture);

        if (status == 200)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }
        else
        {
            var problem = await response.AssertProblemAsync(status);
            if (status == 400) Assert.True(problem["detail"] is not null || problem["errors"] is not null, $"{name}: no detail: {problem}");
        }
        Assert.Equal(before, await StoreSnapshot.TakeAsync(fixture.Server, fixture.A.Id, fixture.B.Id, fixture.C));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string Replace(Dictionary<string, object?> body, string from, string to)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(body);
        Assert.Contains(from, json);
        return json.Replace(from, to, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Push(BadInputFixture f, string? channelId, string? token, string? resourceId,
        string state, long messageNumber)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/google-calendar");
        request.Headers.Add("X-Goog-Channel-ID", channelId);
        request.Headers.Add("X-Goog-Channel-Token", token);
        request.Headers.Add("X-Goog-Resource-ID", resourceId);
        request.Headers.Add("X-Goog-Resource-State", state);
        request.Headers.Add("X-Goog-Message-Number", messageNumber.ToString(CultureInfo.InvariantCulture));
        return f.Server.CreateClient().SendAsync(request);
    }
}
