using System.Data.Common;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Observability;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>A write of a financial event (or of one of its occurrences) that the queue trigger turns into outbound
/// work in the writing transaction. When tracing is on (<see cref="SyncTracing.StartEnqueue"/> returns a span) the
/// write and the stamping of the span's W3C context onto the pending to_google item run in one transaction, so the
/// item is never claimable without it; when off, the write runs alone, exactly as before. Writes from Google enqueue
/// nothing and open no span. A write by another program (the wallet's own SQL) enqueues through the trigger with no
/// context; its processing span is then a root.</summary>
internal static class OutboundEnqueue
{
    // The item the trigger inserted or coalesced into carries the write's updated_at (the trigger copies it), so
    // the match is that item and no other; sync disabled for the user = no item = nothing stamped.
    private const string StampSql =
        "UPDATE sync_queue SET trace_parent = @traceParent " +
        "WHERE user_id = @userId AND financial_event_id = @eventId AND sync_direction = 'to_google' " +
        "AND status = 'pending' AND updated_at = @at RETURNING id";

    /// <summary>Runs <paramref name="sql"/> (one row written at <paramref name="at"/>); returns the rows written.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, SqlDialect dialect, string sql, object args,
        Guid userId, Guid financialEventId, SyncSource source, DateTimeOffset at, CancellationToken ct)
    {
        using var enqueue = source == SyncSource.Google ? null : SyncTracing.StartEnqueue(userId, SyncDirection.ToGoogle, financialEventId);
        if (SyncTracing.TraceParent(enqueue) is not { } traceParent)
            return await connection.ExecuteAsync(Db.Command(sql, args, ct)).ConfigureAwait(false);

        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(Db.Command(sql, args, ct, transaction)).ConfigureAwait(false);
        if (rows == 1)
        {
            var itemId = await connection.QueryFirstOrDefaultAsync<long?>(Db.Command(StampSql, new
            {
                traceParent, userId = dialect.Id(userId), eventId = dialect.Id(financialEventId), at = dialect.Time(at),
            }, ct, transaction)).ConfigureAwait(false);
            if (itemId is { } id) enqueue!.SetTag(SyncTracing.QueueItemId, id);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return rows;
    }
}
