using System.Net;
using System.Text.Json.Nodes;
using Aegis.CalendarSync.Queue;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Server.Tests.Observability;

/// <summary>/healthz/live and /healthz/ready on each engine. The server runs on a fake clock; the emulator keeps real
/// time, so a channel it issues for 7 days has expired once the fake clock is moved 7 days and an hour on.</summary>
public abstract class ReadinessTests : IAsyncLifetime
{
    private readonly TestClock _time = new(DateTimeOffset.UtcNow);
    private TestDatabase? _database;
    private TestServerHost _server = null!;

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _server = await TestServerHost.StartAsync(new TestServerOptions
        {
            Database = _database,
            Time = _time,
            Settings = { ["Google:MaxRetryAttempts"] = "0", ["Server:ApiTokenLifetime"] = "30.00:00:00" },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task Ready_reports_every_check_with_its_reason_and_healthz_is_its_alias()
    {
        var ready = await ReadyWhenProcessorRanAsync();

        Assert.Equal("healthy", (string?)ready["status"]);
        var checks = ready["checks"]!.AsObject();
        Assert.Equal(["database", "migrations", "push_channels", "queue_processor"], checks.Select(c => c.Key).Order());
        Assert.All(checks, c => Assert.Equal("healthy", (string?)c.Value!["status"]));
        Assert.Equal("all migrations applied", (string?)checks["migrations"]!["reason"]);
        Assert.Contains("reachable", (string?)checks["database"]!["reason"]);

        using var anonymous = _server.CreateClient();
        var alias = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.Equal(4, (await alias.ReadJsonAsync())["checks"]!.AsObject().Count);
        var live = await (await anonymous.GetAsync("healthz/live")).ReadJsonAsync();
        Assert.Equal("healthy", (string?)live["status"]);
        Assert.Empty(live["checks"]!.AsObject());
    }

    [Fact]
    public async Task Ready_turns_unhealthy_when_the_processor_stops_and_healthy_again_when_it_runs()
    {
        await ReadyWhenProcessorRanAsync();
        var processor = _server.Get<QueueProcessor>();
        await processor.StopAsync(CancellationToken.None);
        _time.Advance(_server.Get<IOptions<QueueOptions>>().Value.StalledAfter + TimeSpan.FromSeconds(1));

        var stopped = await ReadyAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", (string?)stopped["status"]);
        var check = stopped["checks"]!["queue_processor"]!;
        Assert.Equal("unhealthy", (string?)check["status"]);
        Assert.Contains("stopped or stuck", (string?)check["reason"]);
        // Liveness is the process, not the processor: an orchestrator must not restart a node for a readiness failure.
        using var anonymous = _server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz/live")).StatusCode);

        await processor.StartAsync(CancellationToken.None);
        var running = await ReadyWhenProcessorRanAsync();
        Assert.Equal("healthy", (string?)running["checks"]!["queue_processor"]!["status"]);
    }

    [Fact]
    public async Task An_expired_channel_of_an_enabled_user_makes_ready_unhealthy_until_sync_is_off()
    {
        var user = await _server.CreateUserAsync("health@example.com");
        await _server.ConnectGoogleAsync(user);
        await StoreSnapshot.WaitForIdleQueueAsync(_server, user.Id);
        await ReadyWhenProcessorRanAsync();

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
        var expired = await ReadyAsync(HttpStatusCode.ServiceUnavailable);
        var channels = expired["checks"]!["push_channels"]!;
        Assert.Equal("unhealthy", (string?)channels["status"]);
        Assert.StartsWith("1 enabled user(s) with a push channel past expiry", (string?)channels["reason"]);

        // A user who switched sync off receives no pushes by choice: the expired channel no longer counts.
        await (await user.Client.PutJsonAsync("api/sync/settings", new { enabled = false })).ReadJsonAsync();
        var off = (await ReadyBodyAsync())["checks"]!["push_channels"]!;
        Assert.Equal("healthy", (string?)off["status"]);
        Assert.Equal("no push channel of an enabled user is past expiry", (string?)off["reason"]);
    }

    [Fact]
    public async Task A_migration_not_recorded_as_applied_makes_ready_unhealthy_and_names_it()
    {
        await ReadyWhenProcessorRanAsync();
        await using (var connection = await _server.Get<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            var latest = await connection.ExecuteScalarAsync<int>("SELECT MAX(version) FROM schema_migrations WHERE version < 100");
            await connection.ExecuteAsync($"DELETE FROM schema_migrations WHERE version = {latest}");
            var reason = (string?)(await ReadyAsync(HttpStatusCode.ServiceUnavailable))["checks"]!["migrations"]!["reason"];
            Assert.Equal($"1 migration(s) not applied: {latest}", reason);
        }
    }

    /// <summary>The processor's first pass runs on its own thread after start; wait for it, then the ready body.</summary>
    private Task<JsonNode> ReadyWhenProcessorRanAsync() =>
        Eventually.GetAsync(async () =>
        {
            var body = await ReadyBodyAsync();
            return (string?)body["checks"]!["queue_processor"]!["status"] == "healthy" ? body : null;
        }, "the queue processor to run");

    private async Task<JsonNode> ReadyAsync(HttpStatusCode expected)
    {
        using var anonymous = _server.CreateClient();
        var response = await anonymous.GetAsync("healthz/ready");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync((int)expected);
    }

    private async Task<JsonNode> ReadyBodyAsync()
    {
        using var anonymous = _server.CreateClient();
        var response = await anonymous.GetAsync("healthz/ready");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}

public sealed class SqliteReadinessTests : ReadinessTests
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);
}

public sealed class PostgresReadinessTests : ReadinessTests
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false);
}
