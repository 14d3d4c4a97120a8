using System.Diagnostics;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aegis.CalendarSync.Bench.Scenarios.Claims;

/// <summary>A fresh PostgreSQL database holding a queue of a given size and shape (<see cref="Users"/> users, one
/// to_google upsert per distinct wallet event, as the trigger leaves a backlog), and the two ways to claim from it. Each claim is timed
/// alone; afterwards (untimed) the claimed rows go back to pending, so every claim of a trial sees the same queue.</summary>
public sealed class ClaimBacklog : IAsyncDisposable
{
    /// <summary>Rows that are due in <see cref="BacklogShape.MostlyBackingOff"/>, at every size.</summary>
    public const int DueWhenBackingOff = 100;

    /// <summary>A claim takes the due work of one user (up to a batch): with two users, every shape at every size gives
    /// each user a full batch of due rows (100 rows, or the 100 due rows of a backing-off queue, are 50 per user).</summary>
    private const int Users = 2;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private readonly ISyncQueueStore _queue;
    private readonly IDbConnectionFactory _connections;

    private ClaimBacklog(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        _services = services;
        _queue = services.GetRequiredService<ISyncQueueStore>();
        _connections = services.GetRequiredService<IDbConnectionFactory>();
    }

    public static async Task<ClaimBacklog> CreateAsync(int rows, BacklogShape shape, CancellationToken ct)
    {
        var database = await TestDatabase.CreateAsync<PostgresTestDatabase>();
        try
        {
            var services = database.BuildServices(TimeProvider.System);
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync(ct);
                var due = shape == BacklogShape.AllDue ? rows : Math.Min(rows, DueWhenBackingOff);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO users (id, email, display_name, created_at)
                    SELECT gen_random_uuid(), 'claim-' || g || '@example.com', 'Claim bench', now() FROM generate_series(1, @users) g;
                    INSERT INTO sync_queue (user_id, financial_event_id, sync_direction, action, status, retry_count,
                                            next_attempt_at, created_at, updated_at)
                    SELECT u.id, gen_random_uuid(), 'to_google', 'upsert', 'pending',
                           CASE WHEN g > @rows - @due THEN 0 ELSE 1 END,
                           CASE WHEN g > @rows - @due THEN now() - interval '1 minute' ELSE now() + interval '1 hour' END,
                           now(), now()
                      FROM generate_series(1, @rows) g
                      JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users) u ON u.n = g % @users;
                    """, new { users = Users, rows, due }, cancellationToken: ct));
                // Production tables have statistics (autovacuum); without them the planner guesses.
                await connection.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE sync_queue", cancellationToken: ct));
            }

            return new ClaimBacklog(database, services);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>One claim of up to <paramref name="batchSize"/> items; returns its latency and how many it claimed.</summary>
    public async Task<(TimeSpan Latency, int Claimed)> ClaimOnceAsync(ClaimStatement statement, int batchSize, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var claimed = statement == ClaimStatement.Current
            ? (await _queue.ClaimAsync(batchSize, Lease, ct)).Count
            : await SeedClaimAsync(batchSize, ct);
        var latency = Stopwatch.GetElapsedTime(start);
        await using var connection = await _connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sync_queue SET status = 'pending', lease_id = NULL, locked_until = NULL WHERE status = 'processing'",
            cancellationToken: ct));
        return (latency, claimed);
    }

    /// <summary>The seed statement as the store ran it: a connection of the store's own pool (same settings as the
    /// current arm), its own transaction.</summary>
    private async Task<int> SeedClaimAsync(int batchSize, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await _connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(SeedClaimSql.PostgreSql,
            new { lease = Guid.NewGuid(), until = now + Lease, now, batchSize }, transaction, cancellationToken: ct));
        var count = ids.Count();
        await transaction.CommitAsync(ct);
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
