using System.Net;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Server.Tests.Realtime;

public sealed class SyncStreamTests
{
    [Fact]
    public async Task Stream_sends_a_snapshot_then_a_progress_event_when_an_event_is_pushed_to_google()
    {
        await using var server = await TestServerHost.StartAsync();
        var user = await server.CreateUserAsync("live@example.com");
        await server.ConnectGoogleAsync(user);
        await StoreSnapshot.WaitForIdleQueueAsync(server, user.Id);
        await using var stream = await SseStream.OpenAsync(user.Client);

        var snapshot = (await stream.ReadEventAsync("snapshot")).Json;
        Assert.Equal("connected", (string?)snapshot["connection"]!["state"]);
        Assert.Equal(0, (long)snapshot["queue"]!["pending"]!);
        Assert.Contains(snapshot["activity"]!.AsArray(), a => (string?)a!["summary"] == "Connected Google Calendar");

        var created = await (await user.Client.PostJsonAsync("api/events", EventBodies.Valid("Rent", 950m))).ReadJsonAsync(201);

        var pushed = await stream.ReadUntilAsync(m => m.Event == "progress" && m.Summaries.Contains("Sent 'Rent' to Google"),
            "the push of 'Rent' in a progress event");
        var row = pushed.Json["activity"]!.AsArray().Single(a => (string?)a!["summary"] == "Sent 'Rent' to Google")!;
        Assert.Equal((string?)created["id"], (string?)row["financial_event_id"]);
        Assert.Equal("sync_to_google", (string?)row["action"]);
        Assert.Equal("success", (string?)row["status"]);
        Assert.Equal("Rent", (string?)row["event_title"]);
        Assert.True((long)row["id"]! > snapshot["activity"]!.AsArray().Max(a => (long)a!["id"]!));
    }

    [Fact]
    public async Task Stream_of_another_user_never_carries_the_callers_rows_on_postgres()
    {
        await using var database = await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { Database = database });
        var alice = await server.CreateUserAsync("alice-live@example.com");
        var bob = await server.CreateUserAsync("bob-live@example.com");
        await server.ConnectGoogleAsync(alice);
        await StoreSnapshot.WaitForIdleQueueAsync(server, alice.Id);
        await using var aliceStream = await SseStream.OpenAsync(alice.Client);
        await using var bobStream = await SseStream.OpenAsync(bob.Client);
        var bobSnapshot = await bobStream.ReadEventAsync("snapshot");
        await aliceStream.ReadEventAsync("snapshot");

        var aliceEventId = (string)(await (await alice.Client.PostJsonAsync("api/events", EventBodies.Valid("Alice's rent"))).ReadJsonAsync(201))["id"]!;
        await aliceStream.ReadUntilAsync(m => m.Event == "progress" && m.Summaries.Contains("Sent 'Alice's rent' to Google"),
            "Alice's push on Alice's stream");
        // A row of Bob's written after Alice's: every row of Alice's that could leak would reach Bob before it.
        await server.Get<IAuditStore>().AppendAsync(new AuditEntry
        {
            UserId = bob.Id, Action = AuditAction.ChannelRenewed, Status = AuditOutcome.Success, CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);

        var bobMessages = new List<SseMessage> { bobSnapshot };
        await bobStream.ReadUntilAsync(m =>
        {
            bobMessages.Add(m);
            return m.Event == "progress" && m.Summaries.Contains("Renewed the Google push channel");
        }, "Bob's own row on Bob's stream");

        var bobRows = bobMessages.Where(m => m.Event is not null).SelectMany(m => m.Json["activity"]!.AsArray()).ToList();
        Assert.DoesNotContain(bobRows, a => (string?)a!["financial_event_id"] == aliceEventId);
        Assert.DoesNotContain(bobRows, a => ((string)a!["summary"]!).Contains("Alice", StringComparison.Ordinal)
            || (string)a["summary"]! == "Connected Google Calendar");
        Assert.All(bobMessages.Where(m => m.Event is not null), m => Assert.Equal("not_connected", (string?)m.Json["connection"]!["state"]));
    }

    [Fact]
    public async Task Stream_beyond_the_per_user_cap_is_refused_with_429_until_one_closes()
    {
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { Settings = { ["Realtime:MaxStreamsPerUser"] = "2" } });
        var user = await server.CreateUserAsync("capped@example.com");
        var other = await server.CreateUserAsync("other@example.com");
        await using var first = await SseStream.OpenAsync(user.Client);
        await using var second = await SseStream.OpenAsync(user.Client);
        await first.ReadEventAsync("snapshot");
        await second.ReadEventAsync("snapshot");

        await (await user.Client.GetAsync("api/sync/stream", HttpCompletionOption.ResponseHeadersRead)).AssertProblemAsync(429);
        await using (var othersStream = await SseStream.OpenAsync(other.Client))
        {
            await othersStream.ReadEventAsync("snapshot");
        }

        await first.DisposeAsync();
        using var third = await Eventually.GetAsync(async () =>
        {
            var response = await user.Client.GetAsync("api/sync/stream", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.OK) return response;
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            response.Dispose();
            return null;
        }, "the closed stream's slot to be released");
    }

    [Fact]
    public async Task Quiet_stream_sends_heartbeat_comments()
    {
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { Settings = { ["Realtime:HeartbeatInterval"] = "00:00:01" } });
        var user = await server.CreateUserAsync("quiet@example.com");
        await using var stream = await SseStream.OpenAsync(user.Client);
        await stream.ReadEventAsync("snapshot");

        var heartbeat = await stream.ReadUntilAsync(m => m.Comment is not null, "a heartbeat comment");

        Assert.Equal("heartbeat", heartbeat.Comment);
    }

    [Fact]
    public async Task Stream_requires_a_signed_in_user()
    {
        await using var server = await TestServerHost.StartAsync();
        using var anonymous = server.CreateClient();

        var response = await anonymous.GetAsync("api/sync/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
