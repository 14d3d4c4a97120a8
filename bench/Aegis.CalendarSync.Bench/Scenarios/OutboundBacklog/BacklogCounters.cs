namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>What a backlog trial counts, reported per change (JSON keys).</summary>
public static class BacklogCounters
{
    /// <summary>CPU of the server process (utime + stime), ms.</summary>
    public const string ServerCpuMs = "serverCpuMs";

    /// <summary>Of <see cref="ServerCpuMs"/>, the CPU of the server's tiered-compilation thread (the runtime re-compiling
    /// hot methods into optimised code, a one-time cost of a fresh process), ms; a lower bound (<see cref="Infrastructure.ProcessCpu.Since"/>). The warm-up runs until it is small
    /// (<see cref="BacklogWarmup"/>); a large value in a trial means the server was not warm yet.</summary>
    public const string ServerJitCpuMs = "serverJitCpuMs";

    /// <summary>CPU of the variant's PostgreSQL cluster (every process but the bench's own backends), ms.</summary>
    public const string PostgresCpuMs = "postgresCpuMs";

    /// <summary>pg_stat_database.xact_commit of the bench database (read-only transactions included), less the bench's
    /// own transactions; read <see cref="BacklogDatabase.StatisticsSettle"/> after the drain, so the idle server's few
    /// periodic transactions of those seconds (queue poll, heartbeats) are in it too.</summary>
    public const string Commits = "commits";

    /// <summary>Transactions that wrote (transaction ids assigned in the cluster during the drain, less the backlog's
    /// INSERT): the commits that flush WAL.</summary>
    public const string WriteTransactions = "writeTransactions";

    public const string Rollbacks = "rollbacks";

    /// <summary>The server role's top-level statements in the <see cref="BacklogDatabase.StatisticsSettle"/> window after
    /// the drain (pg_stat_statements, which counts at once): what the idle server ran while the commit counters settled.
    /// Few statements with many <see cref="Commits"/> mean commits of earlier work reported late, not idle work.</summary>
    public const string SettleStatements = "settleStatements";

    /// <summary>The server role's top-level statements (pg_stat_statements), transaction control and resets included.</summary>
    public const string Statements = "statements";

    /// <summary>Time PostgreSQL spent executing the server role's statements (pg_stat_statements total_exec_time), ms.</summary>
    public const string StatementExecMs = "statementExecMs";

    /// <summary>Autovacuum and autoanalyze runs on the bench database's tables that finished during the drain.</summary>
    public const string AutovacuumRuns = "autovacuumRuns";

    /// <summary>Of those, the ones that read or write rows (SELECT, INSERT, UPDATE, DELETE, WITH, MERGE, CALL).</summary>
    public const string DataStatements = "dataStatements";

    /// <summary>Calendar API calls (a batch's parts each count; the batch request itself and OAuth calls do not).</summary>
    public const string ApiCalls = "apiCalls";

    /// <summary>HTTP requests to the Calendar API (a batch is one; OAuth token requests excluded).</summary>
    public const string HttpRequests = "httpRequests";

    public const string EventsInserts = "eventsInsert";

    /// <summary>events.list calls: the echo syncs' incremental lists (target <= 0.02 per change).</summary>
    public const string EventsLists = "eventsList";

    public const string BatchRequests = "batchRequests";

    /// <summary>Queue items of the trial: one push per change plus the echo syncs.</summary>
    public const string QueueItems = "queueItems";

    /// <summary>from_google items (incremental syncs the pushes' webhooks caused).</summary>
    public const string EchoSyncs = "echoSyncs";

    /// <summary>Queue items retried at least once (expected 0: nothing fails here).</summary>
    public const string Retried = "retried";

    public const string AuditRows = "auditRows";

    /// <summary>Inbound audit rows (sync_from_google, delete_from_google): nobody edits Google in this scenario, so
    /// every one is an echo of the bench's own pushes (target 0).</summary>
    public const string EchoAuditRows = "echoAuditRows";

    public static IReadOnlyList<string> All { get; } =
    [
        ServerCpuMs, ServerJitCpuMs, PostgresCpuMs, Commits, WriteTransactions, Rollbacks, SettleStatements, Statements, StatementExecMs, AutovacuumRuns, DataStatements, ApiCalls, HttpRequests, EventsInserts,
        EventsLists, BatchRequests, QueueItems, EchoSyncs, Retried, AuditRows, EchoAuditRows,
    ];
}
