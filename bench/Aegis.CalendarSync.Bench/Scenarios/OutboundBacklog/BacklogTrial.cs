using System.Diagnostics;
using Aegis.CalendarSync.Bench.Harness;
using Aegis.CalendarSync.Bench.Reporting;
using Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog.Infrastructure;

namespace Aegis.CalendarSync.Bench.Scenarios.OutboundBacklog;

/// <summary>One trial of one variant: a backlog of users x perUser new wallet events written in one transaction (as
/// the finance app writes them; the trigger enqueues one push each and NOTIFYs the server), then timed from that
/// commit until the backlog is drained (<see cref="BacklogDrain"/>: pushes and the echo syncs their pushes cause).
/// Around the drain it takes the server process's CPU, its PostgreSQL cluster's CPU (the bench's own backends left
/// out), the bench database's commits (less the bench's own transactions), the server role's statements
/// (pg_stat_statements, reset first), the emulator's request log, and the queue and audit rows of the trial. The
/// backlog's own INSERT (and the trigger work inside it) runs as the bench's role and is not counted as the drain's.</summary>
public static class BacklogTrial
{
    public static async Task<BacklogTrialResult> RunAsync(BacklogVariantHost host, int perUser, string batch, CancellationToken ct)
    {
        var database = host.Database;
        var changes = host.Users * perUser;
        var (queueMark, auditMark) = await database.HighWaterMarksAsync(ct);
        var commitsBefore = await database.SettledTransactionsAsync(ct);
        var benchTransactionsBefore = database.BenchTransactions;
        await database.ResetStatementsAsync(ct);
        await host.EmulatorAdmin.ClearRequestsAsync(ct);
        var serverCpuBefore = ProcessCpu.OfProcess(host.Server.Pid);
        var postgresCpuBefore = ProcessCpu.OfPostmasterTree(host.Cluster.PostmasterPid, database.BackendPids);

        var inserted = await database.InsertBacklogAsync(host.Users, perUser, batch, ct);
        var start = Stopwatch.GetTimestamp();
        if (inserted != changes)
        {
            throw new BenchmarkInvalidException($"{host.Variant.Label}: inserted {inserted} events, expected {changes}");
        }

        var end = await BacklogDrain.WaitUntilQuietAsync(host, ct);
        // CPU is read after the confirmation poll: both processes are idle by then, so the few hundred milliseconds
        // after the end of the drain add nothing but the idle server's timers.
        var serverCpu = ProcessCpu.OfProcess(host.Server.Pid) - serverCpuBefore;
        var postgresCpu = ProcessCpu.OfPostmasterTree(host.Cluster.PostmasterPid, database.BackendPids) - postgresCpuBefore;

        var statements = await database.ServerStatementsAsync(ct);
        var log = await host.EmulatorAdmin.GetRequestsAsync(ct);
        var requests = ApiCallTally.From(log).EnsureNotThrottled();
        var queue = await database.QueueCountsAsync(queueMark, ct);
        var audit = await database.AuditRowsAsync(auditMark, ct);
        var commitsAfter = await database.SettledTransactionsAsync(ct);
        var benchTransactions = database.BenchTransactions - benchTransactionsBefore;

        var insertsOk = log.Count(e => e.Operation == "events.insert" && e.Status == 200);
        if (queue.ToGoogle != changes || queue.NotCompleted != 0 || insertsOk != changes)
        {
            throw new BenchmarkInvalidException(
                $"{host.Variant.Label}: {queue.ToGoogle} pushes queued, {queue.NotCompleted} not completed, {insertsOk} inserts in Google; expected {changes}, 0, {changes}");
        }

        var calendarCalls = log.Where(e => !e.Operation.StartsWith("oauth", StringComparison.Ordinal) && e.Operation != "batch").ToList();
        var totals = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [BacklogCounters.ServerCpuMs] = serverCpu,
            [BacklogCounters.PostgresCpuMs] = postgresCpu,
            [BacklogCounters.Commits] = commitsAfter.Commits - commitsBefore.Commits - benchTransactions,
            [BacklogCounters.Rollbacks] = commitsAfter.Rollbacks - commitsBefore.Rollbacks,
            [BacklogCounters.Statements] = statements.Sum(s => s.Calls),
            [BacklogCounters.DataStatements] = statements.Where(s => s.IsData).Sum(s => s.Calls),
            [BacklogCounters.ApiCalls] = calendarCalls.Count,
            [BacklogCounters.HttpRequests] = log.Count(e => !e.InBatch && !e.Operation.StartsWith("oauth", StringComparison.Ordinal)),
            [BacklogCounters.EventsInserts] = requests.Of("events.insert"),
            [BacklogCounters.EventsLists] = requests.Of("events.list"),
            [BacklogCounters.BatchRequests] = requests.Of("batch"),
            [BacklogCounters.QueueItems] = queue.ToGoogle + queue.FromGoogle,
            [BacklogCounters.EchoSyncs] = queue.FromGoogle,
            [BacklogCounters.Retried] = queue.Retried,
            [BacklogCounters.AuditRows] = audit.Values.Sum(),
            [BacklogCounters.EchoAuditRows] = audit.Where(a => a.Key is "sync_from_google" or "delete_from_google").Sum(a => a.Value),
        };
        return new BacklogTrialResult(changes, Stopwatch.GetElapsedTime(start, end), totals,
            statements.Take(BacklogTrialResult.TopStatements).ToList(), MachineInfo.Current().LoadAverage);
    }
}
