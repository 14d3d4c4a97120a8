using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary><c>/api/events/{id}/occurrences</c>: a series' occurrences, changed one at a time, the series untouched.</summary>
public sealed class OccurrencesApiTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("occurrences@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> CreateMonthlyRentAsync(string recurrence = "RRULE:FREQ=MONTHLY;COUNT=12")
    {
        var body = EventBodies.Valid("Rent", 950m);
        body["recurrence"] = recurrence;
        return (string)(await (await _user.Client.PostJsonAsync("api/events", body)).ReadJsonAsync(201))["id"]!;
    }

    [Fact]
    public async Task Occurrences_are_listed_changed_and_skipped_one_at_a_time()
    {
        var id = await CreateMonthlyRentAsync();
        var series = await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync();

        var listed = (await (await _user.Client.GetAsync($"api/events/{id}/occurrences?from=2030-01-01T00:00:00Z&to=2032-01-01T00:00:00Z")).ReadJsonAsync()).AsArray();
        Assert.Equal(12, listed.Count);
        Assert.Equal("2030-03-10", (string?)listed[0]!["original_start"]);
        Assert.Equal("2031-02-10", (string?)listed[11]!["original_start"]);
        Assert.All(listed, o => Assert.Equal("pending", (string?)o!["status"]));

        var paid = await (await _user.Client.PatchJsonAsync($"api/events/{id}/occurrences/2030-05-10", new { status = "paid", amount = 975.5m }))
            .ReadJsonAsync();
        Assert.Equal(("paid", 975.5m, "2030-05-10"), ((string?)paid["status"], (decimal)paid["amount"]!, (string?)paid["original_start"]));

        var moved = await (await _user.Client.PatchJsonAsync($"api/events/{id}/occurrences/2030-06-10",
            new { start_at = "2030-06-14T09:00:00+01:00" })).ReadJsonAsync();
        Assert.Equal((true, "2030-06-10"), ((bool)moved["moved"]!, (string?)moved["original_start"]));
        Assert.Equal(DateTimeOffset.Parse("2030-06-14T09:00:00+01:00"), (DateTimeOffset)moved["start_at"]!);
        Assert.Equal(DateTimeOffset.Parse("2030-06-14T10:00:00+01:00"), (DateTimeOffset)moved["end_at"]!);

        var skipped = await (await _user.Client.DeleteAsync($"api/events/{id}/occurrences/2030-03-10")).ReadJsonAsync();
        Assert.Equal("skipped", (string?)skipped["status"]);

        var after = (await (await _user.Client.GetAsync($"api/events/{id}/occurrences?from=2030-01-01T00:00:00Z&to=2032-01-01T00:00:00Z")).ReadJsonAsync()).AsArray();
        Assert.Equal(["skipped", "pending", "paid", "pending"], after.Take(4).Select(o => (string?)o!["status"]));
        Assert.Equal(9, after.Count(o => (bool)o!["overridden"]! == false));
        Assert.Equal(series.ToJsonString(), (await (await _user.Client.GetAsync($"api/events/{id}")).ReadJsonAsync()).ToJsonString());

        // The events list shows the next occurrence still ahead: March is skipped, so April.
        var list = await (await _user.Client.GetAsync("api/events")).ReadJsonAsync();
        var item = Assert.Single(list["items"]!.AsArray());
        Assert.Equal("2030-04-10", (string?)item!["next_occurrence"]!["original_start"]);
    }

    [Fact]
    public async Task Every_recurrence_line_survives_an_update_verbatim()
    {
        var id = await CreateMonthlyRentAsync("RRULE:FREQ=MONTHLY;BYMONTHDAY=10;COUNT=12\nEXDATE;VALUE=DATE:20300410\nRDATE;VALUE=DATE:20300420");

        var update = EventBodies.Valid("Rent (new landlord)", 990m);
        update["recurrence"] = "RRULE:FREQ=MONTHLY;BYMONTHDAY=10;COUNT=12\nEXDATE;VALUE=DATE:20300410\nRDATE;VALUE=DATE:20300420";
        var updated = await (await _user.Client.PutJsonAsync($"api/events/{id}", update)).ReadJsonAsync();

        Assert.Equal("RRULE:FREQ=MONTHLY;BYMONTHDAY=10;COUNT=12\nEXDATE;VALUE=DATE:20300410\nRDATE;VALUE=DATE:20300420", (string?)updated["recurrence"]);
        var listed = (await (await _user.Client.GetAsync($"api/events/{id}/occurrences?from=2030-03-01T00:00:00Z&to=2030-05-01T00:00:00Z")).ReadJsonAsync()).AsArray();
        Assert.Equal([("2030-03-10", "pending"), ("2030-04-10", "skipped"), ("2030-04-20", "pending")],
            listed.Select(o => ((string?)o!["original_start"], (string?)o["status"])));
    }
}
