using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using GoogleCalendarEmulator.Faults;

namespace Aegis.CalendarSync.Server.Tests.Api;

/// <summary>How the API shows failing queue items: while an item retries by itself it carries will_retry_at and a
/// plain-words reason (it is not failed); a dead letter names its event and its reason without an exception type.</summary>
public sealed class QueueRetryApiTests : IAsyncLifetime
{
    private TestServerHost _server = null!;
    private TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServerHost.StartAsync();
        _user = await _server.CreateUserAsync("queue-reader@example.com");
        await _server.ConnectGoogleAsync(_user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, _user.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Item_failing_on_an_outage_reads_will_retry_at_and_a_rejected_one_is_a_dead_letter_with_its_reason()
    {
        // Google answers 503 to the first push (its own HTTP retries included) until the faults are cleared; then 400 to the second.
        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 1000, Status: 503, Reason: "backendError", Method: "POST", PathContains: "/events"));
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Water bill"))).ReadJsonAsync(201);
        var waiting = await Eventually.GetAsync(async () =>
            (await (await _user.Client.GetAsync("api/sync/queue?status=pending")).ReadJsonAsync()).AsArray()
                .FirstOrDefault(i => i!["will_retry_at"] is not null), "the push to wait for a retry");

        Assert.Equal("Water bill", (string?)waiting!["event_title"]);
        Assert.Equal("google_unavailable", (string?)waiting["reason_code"]);
        Assert.Equal("Google Calendar was unavailable.", (string?)waiting["reason"]);
        Assert.Equal((string?)waiting["next_attempt_at"], (string?)waiting["will_retry_at"]);
        Assert.Empty((await (await _user.Client.GetAsync("api/sync/dead-letters")).ReadJsonAsync()).AsArray());

        await _server.EmulatorAdmin.ClearFaultsAsync();
        await _server.EmulatorAdmin.InjectFaultAsync(new FaultRule(Count: 1, Status: 400, Reason: "invalid", Method: "POST", PathContains: "/events"));
        await (await _user.Client.PostJsonAsync("api/events", EventBodies.Valid("Gas bill"))).ReadJsonAsync(201);
        await Eventually.TrueAsync(async () =>
            (await _server.Get<ISyncQueueStore>().ListAsync(_user.Id, QueueStatus.Failed, 10, CancellationToken.None)).Count == 1,
            "the rejected push to be dead-lettered");

        var dead = Assert.Single((await (await _user.Client.GetAsync("api/sync/dead-letters")).ReadJsonAsync()).AsArray());
        Assert.Equal("Gas bill", (string?)dead!["event_title"]);
        Assert.Equal("invalid_request", (string?)dead["reason_code"]);
        Assert.Equal("Google rejected this event as invalid.", (string?)dead["reason"]);
        Assert.Null(dead["will_retry_at"]);
    }
}
