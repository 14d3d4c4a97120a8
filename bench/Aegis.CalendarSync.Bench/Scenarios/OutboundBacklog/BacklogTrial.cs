using System.Diagnostics;
using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Reporting;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>One trial of one variant: a backlog of users x perUser new wallet events written in one transaction (as
/// the finance app writes them; the trigger enqueues one push each and NOTIFYs the server), then timed from that
/// commit until the backlog is drained (<see cref="BacklogDrain"/>: pushes and the echo syncs their pushes cause).
/// Around the drain it takes the server process's CPU, its PostgreSQL cluster's CPU (the bench's own backends left
/// out), write transactions (transaction ids assigned), the server role's statements (pg_stat_statements, reset
/// first), the emulator's request log, and the queue and audit rows of the trial; the bench database's commits
/// (pg_stat_database, less the bench's own transactions) once the backends have reported them
/// (<see cref="BacklogDatabase.StatisticsSettle"/> later, while the other variants run). The backlog's own INSERT (and
/// the trigger work inside it) runs as the bench's role and is not counted as the drain's.</summary>
public static class BacklogTrial
{
    /// <summary>Runs the trial; the outer task ends with the drain's measurements, the inner one once the commit
    /// counters have settled (the variant must stay idle until then: its next trial awaits it). With
    /// <paramref name="settle"/> false (a warm-up): the inner task ends at once, without the commit counters, and the
    /// next trial's commit baseline is read afresh (<see cref="BacklogWarmup"/> settles once after its last backlog).</summary>
    public static async Task<Task<BacklogTrialResult>> RunAsync(BacklogVariantHost host, int perUser, string batch, bool settle,
        CancellationToken ct)
    {
        var database = host.Database;
        var changes = host.Users * perUser;
        // The first trial of a variant (its warm-up) starts from an unsettled reading; later ones from the last settled one.
        await database.AnalyzeAsync(ct);
        var commitsBefore = host.SettledTransactions ?? await database.MarkAsync(ct);
        var (queueMark, auditMark) = await database.HighWaterMarksAsync(ct);
        await database.ResetStatementsAsync(ct);
        await host.EmulatorAdmin.ClearRequestsAsync(ct);
        var serverCpuBefore = ProcessCpu.OfProcess(host.Server.Pid);
        var jitCpuBefore = ProcessCpu.OfThreads(host.Server.Pid, BacklogWarmup.TierUpThread);
        var postgresCpuBefore = ProcessCpu.OfPostmasterTree(host.Cluster.PostmasterPid, database.BackendPids);
        var xidBefore = await database.NextTransactionIdAsync(ct);
        var autovacuumBefore = await database.AutovacuumRunsAsync(ct);

        var inserted = await database.InsertBacklogAsync(host.Users, perUser, batch, ct);
        var start = Stopwatch.GetTimestamp();
        if (inserted != changes)
        {
            throw new BenchmarkInvalidException($"{host.Variant.Label}: inserted {inserted} events, expected {changes}");
        }

        var end = await BacklogDrain.WaitUntilQuietAsync(host, changes, ct);
        // Read after the confirmation poll: by then both processes are idle, so the few hundred milliseconds after
        // the end of the drain add only the idle server's timers.
        var serverCpu = ProcessCpu.OfProcess(host.Server.Pid) - serverCpuBefore;
        var jitCpu = ProcessCpu.Since(jitCpuBefore, ProcessCpu.OfThreads(host.Server.Pid, BacklogWarmup.TierUpThread));
        var postgresCpu = ProcessCpu.OfPostmasterTree(host.Cluster.PostmasterPid, database.BackendPids) - postgresCpuBefore;
        var writeTransactions = await database.NextTransactionIdAsync(ct) - xidBefore - 1; // less the backlog's INSERT

        var statements = await database.ServerStatementsAsync(ct);
        var autovacuumRuns = await database.AutovacuumRunsAsync(ct) - autovacuumBefore;
        var log = await host.EmulatorAdmin.GetRequestsAsync(ct);
        var requests = ApiCallTally.From(log).EnsureNotThrottled();
        var queue = await database.QueueCountsAsync(queueMark, ct);
        var audit = await database.AuditRowsAsync(auditMark, ct);

        var insertsOk = log.Count(e => e.Operation == "events.insert" && e.Status == 200);
        if (queue.ToGoogle != changes || queue.NotCompleted != 0 || insertsOk != changes)
        {
            throw new BenchmarkInvalidException(
                $"{host.Variant.Label}: {queue.ToGoogle} pushes queued, {queue.NotCompleted} not completed, {insertsOk} inserts in Google; expected {changes}, 0, {changes}");
        }

        static bool IsOAuth(string operation) => operation.StartsWith("oauth", StringComparison.Ordinal);
        var totals = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [BacklogCounters.ServerCpuMs] = serverCpu,
            [BacklogCounters.ServerJitCpuMs] = jitCpu,
            [BacklogCounters.PostgresCpuMs] = postgresCpu,
            [BacklogCounters.WriteTransactions] = writeTransactions,
            [BacklogCounters.Statements] = statements.Sum(s => s.Calls),
            [BacklogCounters.StatementExecMs] = statements.Sum(s => s.ExecMs),
            [BacklogCounters.AutovacuumRuns] = autovacuumRuns,
            [BacklogCounters.DataStatements] = statements.Where(s => s.IsData).Sum(s => s.Calls),
            [BacklogCounters.ApiCalls] = log.Count(e => !IsOAuth(e.Operation) && e.Operation != "batch"),
            [BacklogCounters.HttpRequests] = log.Count(e => !e.InBatch && !IsOAuth(e.Operation)),
            [BacklogCounters.EventsInserts] = requests.Of("events.insert"),
            [BacklogCounters.EventsLists] = requests.Of("events.list"),
            [BacklogCounters.BatchRequests] = requests.Of("batch"),
            [BacklogCounters.QueueItems] = queue.ToGoogle + queue.FromGoogle,
            [BacklogCounters.EchoSyncs] = queue.FromGoogle,
            [BacklogCounters.Retried] = queue.Retried,
            [BacklogCounters.AuditRows] = audit.Values.Sum(),
            [BacklogCounters.EchoAuditRows] = audit.Where(a => a.Key is "sync_from_google" or "delete_from_google").Sum(a => a.Value),
        };
        var drain = Stopwatch.GetElapsedTime(start, end);
        var load = MachineInfo.Current().LoadAverage;
        var top = statements.Take(BacklogTrialResult.TopStatements).ToList();
        if (!settle)
        {
            host.SettledTransactions = null;
            return Task.FromResult(new BacklogTrialResult(changes, drain, totals, top, statements, load));
        }

        return SettleAsync();

        async Task<BacklogTrialResult> SettleAsync()
        {
            await Task.Delay(BacklogDatabase.StatisticsSettle, ct);
            var after = await database.MarkAsync(ct);
            totals[BacklogCounters.SettleStatements] = (await database.ServerStatementsAsync(ct)).Sum(s => s.Calls) - totals[BacklogCounters.Statements];
            host.SettledTransactions = after;
            totals[BacklogCounters.Commits] = after.CommitsSince(commitsBefore);
            totals[BacklogCounters.Rollbacks] = after.Rollbacks - commitsBefore.Rollbacks;
            return new BacklogTrialResult(changes, drain, totals, top, statements, load);
        }
    }
}
