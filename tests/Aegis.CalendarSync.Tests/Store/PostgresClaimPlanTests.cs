using System.Text.Json.Nodes;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Sql;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aegis.CalendarSync.Tests.Store;

/// <summary>Issue 12, the bench's stalled rounds: a queue's statistics are usually taken while it is drained, so
/// PostgreSQL then expects about one pending row. The claim's key check was planned as an anti-join scanning every
/// active row, and the dead index entries of drained ones, for each candidate: a claim of 50 read 78,125 buffers here
/// and took up to 7.8 s in the bench. The claim must cost the same whether its statistics were taken drained or with
/// the backlog in place. Counted in buffers (EXPLAIN ANALYZE), never in time.</summary>
public sealed class PostgresClaimPlanTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private const int Users = 20;
    private const int DrainedPerUser = 1_500;
    private const int PendingPerUser = 200;
    private const int BatchSize = 50;

    [Fact]
    public async Task A_claim_costs_the_same_whether_the_statistics_were_taken_on_a_drained_queue_or_on_the_backlog()
    {
        await database.ResetAsync();
        await using var services = database.BuildServices(TimeProvider.System);
        var store = (SqlSyncQueueStore)services.GetRequiredService<ISyncQueueStore>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await SeedDrainedHistoryThenBacklogAsync(connection);

        var drainedStatistics = await ClaimBuffersAsync(connection, store.ClaimSql);
        await connection.ExecuteAsync("ANALYZE sync_queue");
        var backlogStatistics = await ClaimBuffersAsync(connection, store.ClaimSql);

        Assert.True(drainedStatistics <= 2 * backlogStatistics,
            $"a claim read {drainedStatistics} buffers on statistics of the drained queue, {backlogStatistics} on the backlog's");
        var claimed = await store.ClaimAsync(BatchSize, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(BatchSize, claimed.Count);
        Assert.Single(claimed.Select(i => i.UserId).Distinct());
    }

    /// <summary>Users with a drained history (each push pending, then processing, then completed, autovacuum off: the
    /// partial indexes keep the dead entries), statistics taken then, and a backlog of new pushes after them.</summary>
    private static async Task SeedDrainedHistoryThenBacklogAsync(NpgsqlConnection connection)
    {
        await connection.ExecuteAsync(
            """
            ALTER TABLE sync_queue SET (autovacuum_enabled = false);
            INSERT INTO users (id, email, display_name, created_at)
            SELECT gen_random_uuid(), format('claim-plan-%s@example.com', g), 'Claim plan', now() FROM generate_series(1, @users) g;
            INSERT INTO calendar_sync_settings (user_id, enabled, updated_at) SELECT id, true, now() FROM users;
            INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count, next_attempt_at, created_at, updated_at)
            SELECT u.id, gen_random_uuid(), 'to_google', 'upsert', 'pending', 0, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour'
            FROM users u CROSS JOIN generate_series(1, @drained) g;
            UPDATE sync_queue SET status = 'processing';
            UPDATE sync_queue SET status = 'completed';
            ANALYZE sync_queue;
            INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count, next_attempt_at, created_at, updated_at)
            SELECT u.id, gen_random_uuid(), 'to_google', 'upsert', 'pending', 0, now() - interval '1 second', now(), now()
            FROM users u CROSS JOIN generate_series(1, @pending) g;
            """, new { users = Users, drained = DrainedPerUser, pending = PendingPerUser });
    }

    /// <summary>Shared buffers the claim statement reads (hit or read), executed and rolled back.</summary>
    private static async Task<long> ClaimBuffersAsync(NpgsqlConnection connection, string claimSql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow;
        var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + claimSql,
            new { lease = Guid.NewGuid(), until = now.AddMinutes(1), now, batchSize = BatchSize }, transaction);
        await transaction.RollbackAsync();
        var plan = JsonNode.Parse(json!)![0]!["Plan"]!;
        return (long)plan["Shared Hit Blocks"]! + (long)plan["Shared Read Blocks"]!;
    }
}
