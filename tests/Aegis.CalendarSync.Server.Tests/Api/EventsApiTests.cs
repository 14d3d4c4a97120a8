using System.Net;
using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Api;

public sealed class EventsApiTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("events@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(10.12, "EUR")]
    [InlineData(10.1, "EUR")]
    [InlineData(1000, "JPY")]
    [InlineData(1.234, "KWD")]
    [InlineData(12.50, "USD")]
    public async Task Amounts_with_at_most_the_currencys_minor_units_are_accepted(double amount, string currency)
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Priced((decimal)amount, currency))).ReadJsonAsync(201);
        Assert.Equal((decimal)amount, (decimal)created["amount"]!);
        Assert.Equal(currency, (string?)created["currency"]);
    }

    [Fact]
    public async Task Ten_point_one_two_three_euros_is_refused_in_plain_words_and_nothing_is_stored()
    {
        var problem = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Priced(10.123m, "EUR"))).AssertProblemAsync(400);

        Assert.Equal("EUR amounts have at most 2 decimal places.", (string?)problem["errors"]!["amount"]![0]);
        Assert.Empty((await (await _user.Client.GetAsync("api/events")).ReadJsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Created_event_can_be_read_updated_and_soft_deleted()
    {
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        var id = (string)created["id"]!;
        Assert.Equal("Electricity bill", (string?)created["title"]);
        Assert.Equal(84.37m, (decimal)created["amount"]!);
        Assert.Equal("bill", (string?)created["event_type"]);

        var fetched = await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync();
        Assert.Equal("Europe/Lisbon", (string?)fetched["time_zone"]);

        var update = EventBodies.Valid("Electricity bill (March)", 90m);
        update["status"] = "paid";
        var updated = await (await _user.Client.PutJsonAsync($"api/events/{id}", update)).ReadJsonAsync();
        Assert.Equal("paid", (string?)updated["status"]);
        Assert.Equal((string?)created["created_at"], (string?)updated["created_at"]);

        Assert.Equal(HttpStatusCode.NoContent, (await _user.Client.DeleteAsync($"api/events/{id}")).StatusCode);
        await (await _user.Client.GetAsync($"api/events/{id}")).AssertProblemAsync(404);
        var withDeleted = await (await _user.Client.GetAsync("api/events?include_deleted=true")).ReadJsonAsync();
        Assert.NotNull(Assert.Single(withDeleted["items"]!.AsArray())!["deleted_at"]);
        await (await _user.Client.DeleteAsync($"api/events/{id}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Deleted_event_can_be_restored_by_its_owner_only()
    {
        var other = await _server.CreateUserAsync("events-other@example.com");
        var created = await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid())).ReadJsonAsync(201);
        var id = (string)created["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await _user.Client.DeleteAsync($"api/events/{id}")).StatusCode);

        await (await other.Client.PostAsync($"api/events/{id}/restore", null)).AssertProblemAsync(404);
        var restored = await (await _user.Client.PostAsync($"api/events/{id}/restore", null)).ReadJsonAsync();

        Assert.Null(restored["deleted_at"]);
        Assert.Equal((string?)created["title"], (string?)restored["title"]);
        var fetched = await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync();
        Assert.Equal((string?)restored["updated_at"], (string?)fetched["updated_at"]);
        var again = await (await _user.Client.PostAsync($"api/events/{id}/restore", null)).ReadJsonAsync();
        Assert.Equal((string?)restored["updated_at"], (string?)again["updated_at"]);
        await (await _user.Client.PostAsync($"api/events/{Guid.NewGuid()}/restore", null)).AssertProblemAsync(404);
    }

    [Fact]
    public async Task List_filters_by_range_and_pages_with_limit_and_offset()
    {
        for (var day = 1; day <= 5; day++)
        {
            var body = EventBodies.Valid($"Bill {day}");
            body["start_at"] = $"2031-01-0{day}T09:00:00+00:00";
            body["end_at"] = $"2031-01-0{day}T10:00:00+00:00";
            await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201);
        }

        var inRange = await (await _user.Client.GetAsync("api/events?from=2031-01-02T00:00:00Z&to=2031-01-04T23:59:59Z")).ReadJsonAsync();
        Assert.Equal(["Bill 2", "Bill 3", "Bill 4"], inRange["items"]!.AsArray().Select(e => (string)e!["title"]!).Order().ToArray());

        var page = await (await _user.Client.GetAsync("api/events?from=2031-01-01T00:00:00Z&limit=2&offset=2")).ReadJsonAsync();
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal(2, (int)page["offset"]!);

        await (await _user.Client.GetAsync("api/events?limit=0")).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Requests_without_credentials_or_with_an_unknown_token_are_unauthorized()
    {
        using var anonymous = _server.CreateClient();
        await (await anonymous.GetAsync("api/events")).AssertProblemAsync(401);
        using var forged = _server.CreateClient("not-a-real-token");
        await (await forged.GetAsync("api/events")).AssertProblemAsync(401);
        var wrongPassword = await anonymous.PostJsonAsync("api/auth/token", new { email = "events@example.com", password = "wrong-password" });
        await wrongPassword.AssertProblemAsync(401);
    }

    [Fact]
    public async Task Health_and_metrics_endpoints_answer_without_authentication()
    {
        using var anonymous = _server.CreateClient();
        var health = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var metrics = await (await anonymous.GetAsync("metrics")).Content.ReadAsStringAsync();
        Assert.Contains("aegis_sync_queue_depth", metrics);
    }
}
