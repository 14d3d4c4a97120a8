using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;
using Npgsql;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>The bench's two connections to a variant's cluster, each held open for the whole run (so their backends
/// are known and left out of the cluster's CPU): one on the bench database, which writes the backlog as the finance
/// app writes its rows (the store's trigger enqueues them) and polls the queue, and one on the <c>postgres</c>
/// database, which reads the statistics views without adding transactions to the bench database. Every transaction
/// the bench runs on the bench database is counted (<see cref="BenchTransactions"/>) and subtracted from its commits.</summary>
public sealed class BacklogDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnection _bench;
    private readonly NpgsqlConnection _admin;

    private BacklogDatabase(NpgsqlConnection bench, NpgsqlConnection admin, IReadOnlySet<int> backendPids)
    {
        _bench = bench;
        _admin = admin;
        BackendPids = backendPids;
    }

    /// <summary>The backends serving the bench's own connections.</summary>
    public IReadOnlySet<int> BackendPids { get; }

    /// <summary>Transactions the bench ran on the bench database (each statement here is one, in autocommit).</summary>
    public long BenchTransactions { get; private set; }

    public static async Task<BacklogDatabase> OpenAsync(PrivatePostgres cluster, CancellationToken ct)
    {
        // No pooling: exactly one backend each, for the life of the run.
        var bench = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.BenchConnectionString) { Pooling = false }.ConnectionString);
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Pooling = false }.ConnectionString);
        await bench.OpenAsync(ct);
        await admin.OpenAsync(ct);
        var database = new BacklogDatabase(bench, admin, new HashSet<int> { bench.ProcessID, admin.ProcessID });
        return database;
    }

    /// <summary>Inserts <paramref name="perUser"/> bills for each of the first <paramref name="users"/> accounts (by
    /// email) in one statement and one transaction: the backlog appears at once, at commit, and the trigger's NOTIFY
    /// wakes the server. Titles carry <paramref name="batch"/> so every trial writes new events.</summary>
    public Task<long> InsertBacklogAsync(int users, int perUser, string batch, CancellationToken ct) => BenchScalarAsync<long>(
        """
        WITH inserted AS (
            INSERT INTO financial_events (id, user_id, title, amount, currency, event_type, status, start_at, end_at, created_at, updated_at)
            SELECT gen_random_uuid(), u.id, format('Bench bill %s-%s', @batch, g), 10 + g, 'EUR', 'bill', 'pending',
                   date_trunc('day', now()) + make_interval(days => g, hours => 9),
                   date_trunc('day', now()) + make_interval(days => g, hours => 10), now(), now()
            FROM (SELECT id FROM users ORDER BY email LIMIT @users) u CROSS JOIN generate_series(1, @perUser) g
            RETURNING 1)
        SELECT count(*) FROM inserted
        """, ct, ("users", users), ("perUser", perUser), ("batch", batch));

    /// <summary>Takes the bench database's statistics now, on the drained queue: a production queue is mostly analyzed in
    /// that state (autovacuum analyzes after enough rows changed, by then mostly completed), so every trial's backlog
    /// meets statistics that expect almost no pending rows, whatever autovacuum happened to do during the run.</summary>
    public async Task AnalyzeAsync(CancellationToken ct)
    {
        BenchTransactions++;
        await using var command = new NpgsqlCommand("ANALYZE", _bench);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Queue items not finished yet (pending, including debounced and retrying ones, or processing).</summary>
    public Task<long> ActiveQueueItemsAsync(CancellationToken ct) =>
        BenchScalarAsync<long>("SELECT count(*) FROM sync_queue WHERE status IN ('pending', 'processing')", ct);

    /// <summary>Wallet events without a Google mapping (not pushed yet).</summary>
    public Task<long> UnmappedEventsAsync(CancellationToken ct) => BenchScalarAsync<long>(
        "SELECT count(*) FROM financial_events f WHERE NOT EXISTS (SELECT 1 FROM calendar_sync_mapping m WHERE m.user_id = f.user_id AND m.financial_event_id = f.id)", ct);

    /// <summary>The highest ids of the queue and the audit table, marking where a trial's rows begin.</summary>
    public async Task<(long Queue, long Audit)> HighWaterMarksAsync(CancellationToken ct) => (
        await BenchScalarAsync<long>("SELECT COALESCE(max(id), 0) FROM sync_queue", ct),
        await BenchScalarAsync<long>("SELECT COALESCE(max(id), 0) FROM calendar_sync_audit", ct));

    /// <summary>Queue items above <paramref name="since"/>: per direction, and how many were retried or failed.</summary>
    public async Task<QueueCounts> QueueCountsAsync(long since, CancellationToken ct)
    {
        BenchTransactions++;
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE sync_direction = 'to_google'),
                   count(*) FILTER (WHERE sync_direction = 'from_google'),
                   count(*) FILTER (WHERE retry_count > 0),
                   count(*) FILTER (WHERE status <> 'completed')
            FROM sync_queue WHERE id > @since
            """, _bench);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new QueueCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Audit rows above <paramref name="since"/> by action.</summary>
    public async Task<IReadOnlyDictionary<string, long>> AuditRowsAsync(long since, CancellationToken ct)
    {
        BenchTransactions++;
        await using var command = new NpgsqlCommand("SELECT action, count(*) FROM calendar_sync_audit WHERE id > @since GROUP BY action", _bench);
        command.Parameters.AddWithValue("since", since);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    /// <summary>Committed and rolled-back transactions of the bench database so far (pg_stat_database).</summary>
    public async Task<(long Commits, long Rollbacks)> TransactionsAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = @name", _admin);
        command.Parameters.AddWithValue("name", PrivatePostgres.Database);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The bench database's transaction counters now, with the bench's own transactions so far.</summary>
    public async Task<TransactionMark> MarkAsync(CancellationToken ct)
    {
        var (commits, rollbacks) = await TransactionsAsync(ct);
        return new TransactionMark(commits, rollbacks, BenchTransactions);
    }

    /// <summary>Backends report their counters to pg_stat_database when idle, but at most once a second, and a backend
    /// that reported less than a second ago waits for its idle timeout (PostgreSQL 15: 10 s) before reporting again.
    /// After this long idle, every transaction of the drain is counted.</summary>
    public static readonly TimeSpan StatisticsSettle = TimeSpan.FromSeconds(11);

    /// <summary>The cluster's next transaction id: ids are assigned to writing transactions only (a read-only one,
    /// including this query, takes none), so the difference of two readings counts write transactions at once.</summary>
    public async Task<long> NextTransactionIdAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", _admin);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Autovacuum and autoanalyze runs on the bench database's tables so far (pg_stat_user_tables): a trial
    /// that overlaps one pays for it in <see cref="BacklogCounters.PostgresCpuMs"/>.</summary>
    public Task<long> AutovacuumRunsAsync(CancellationToken ct) =>
        BenchScalarAsync<long>("SELECT COALESCE(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_user_tables", ct);

    public async Task ResetStatementsAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset()", _admin);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The server role's top-level statements on the bench database since the last reset (pg_stat_statements:
    /// normalised text and calls; transaction control and DISCARD ALL included, as PostgreSQL executes them).</summary>
    public async Task<IReadOnlyList<StatementCount>> ServerStatementsAsync(CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT s.query, sum(s.calls)::bigint, sum(s.total_exec_time)::float8
            FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid
            WHERE r.rolname = @role AND d.datname = @database AND s.toplevel
            GROUP BY s.query ORDER BY 2 DESC
            """, _admin);
        command.Parameters.AddWithValue("role", PrivatePostgres.ServerRole);
        command.Parameters.AddWithValue("database", PrivatePostgres.Database);
        var rows = new List<StatementCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StatementCount(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _bench.DisposeAsync();
        await _admin.DisposeAsync();
    }

    private async Task<T> BenchScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        BenchTransactions++;
        await using var command = new NpgsqlCommand(sql, _bench);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>pg_stat_database counters of the bench database and how many of its transactions were the bench's.</summary>
public sealed record TransactionMark(long Commits, long Rollbacks, long BenchTransactions)
{
    /// <summary>Commits since <paramref name="earlier"/> that were not the bench's own.</summary>
    public long CommitsSince(TransactionMark earlier) => Commits - earlier.Commits - (BenchTransactions - earlier.BenchTransactions);
}

/// <summary>Queue items of one trial: pushes (to_google), syncs (from_google, the echoes' incremental syncs), items
/// retried at least once, and items not completed (failed or still open).</summary>
public sealed record QueueCounts(long ToGoogle, long FromGoogle, long Retried, long NotCompleted);

/// <summary>One normalised statement, how often the server ran it and the time PostgreSQL spent executing it, ms.</summary>
public sealed record StatementCount(string Query, long Calls, double ExecMs)
{
    private static readonly string[] DataVerbs = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE", "CALL"];

    /// <summary>A statement that reads or writes rows, as opposed to transaction control (BEGIN, COMMIT), connection
    /// resets (DISCARD ALL) and session settings.</summary>
    public bool IsData => DataVerbs.Any(v => Query.TrimStart().StartsWith(v, StringComparison.OrdinalIgnoreCase));
}
