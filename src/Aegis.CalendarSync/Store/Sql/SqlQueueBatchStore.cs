using System.Data.Common;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Aegis.CalendarSync.Store.Rows;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary><see cref="IQueueBatchStore"/> on either engine. Per batch, on one connection: one command of five
/// SELECTs (settings, events, mappings, dead letters, synced calendars; each <c>= ANY(@ids)</c> on PostgreSQL, <c>json_each</c> on
/// SQLite), then one transaction (SQLite: BEGIN IMMEDIATE) of at most six statements: the lease fence, mapping
/// deletes, updates and inserts, audit rows, outcomes; each multi-row, reading its rows from one JSON parameter. So a
/// batch of n outbound changes costs 5 + 6 statements at most and 1 commit, whatever n.</summary>
internal sealed class SqlQueueBatchStore(SqlStoreContext db) : IQueueBatchStore
{
    public async Task<IQueueBatch> BeginAsync(IReadOnlyList<SyncQueueItem> items, CancellationToken ct)
    {
        var d = db.Dialect;
        var keys = items.Where(i => i.FinancialEventId is not null).Select(i => (i.UserId, i.FinancialEventId!.Value)).Distinct().ToList();
        var users = items.Select(i => i.UserId).Distinct().ToList();
        var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            var args = new { users = d.List(users), ids = d.List(keys.Select(k => k.Item2)) };
            await using var reader = await connection.QueryMultipleAsync(Db.Command(
                $"SELECT {SettingsRow.Columns} FROM calendar_sync_settings WHERE {d.InList("user_id", "@users")};\n" +
                $"SELECT {FinancialEventRow.Columns} FROM financial_events WHERE {d.InList("id", "@ids")} AND {d.InList("user_id", "@users")};\n" +
                $"SELECT {MappingRow.Columns} FROM calendar_sync_mapping WHERE {d.InList("user_id", "@users")} AND {d.InList("financial_event_id", "@ids")};\n" +
                $"SELECT DISTINCT user_id AS UserId, financial_event_id AS EventId FROM sync_queue WHERE status = 'failed' AND {d.InList("financial_event_id", "@ids")};\n" +
                $"SELECT {SyncedCalendarRow.Columns} FROM calendar_sync_calendars WHERE {d.InList("user_id", "@users")}",
                args, ct)).ConfigureAwait(false);
            var settings = (await reader.ReadAsync<SettingsRow>().ConfigureAwait(false)).Select(r => r.ToModel()).ToList();
            var events = (await reader.ReadAsync<FinancialEventRow>().ConfigureAwait(false)).Select(r => r.ToModel()).ToList();
            var mappings = (await reader.ReadAsync<MappingRow>().ConfigureAwait(false)).Select(r => r.ToModel()).ToList();
            var deadLetters = (await reader.ReadAsync<(object UserId, object EventId)>().ConfigureAwait(false))
                .Select(r => (DbValue.ToGuid(r.UserId), DbValue.ToGuid(r.EventId))).ToList();
            var calendars = (await reader.ReadAsync<SyncedCalendarRow>().ConfigureAwait(false)).Select(r => r.ToModel()).ToList();
            return new SqlQueueBatch(db, new QueueBatchScope(connection, new QueueBatchSnapshot(users, keys, settings, events, mappings, deadLetters, calendars)));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class SqlQueueBatch(SqlStoreContext db, QueueBatchScope scope) : IQueueBatch
    {
        private SqlDialect D => db.Dialect;

        public IDisposable Enter(SyncQueueItem item) => scope.Item(item).Enter();

        public async Task<QueueBatchCommit> CommitAsync(IReadOnlyList<(SyncQueueItem Item, QueueItemOutcome Outcome)> outcomes,
            Func<SyncQueueItem, QueueItemOutcome> onMappingWriteLost, CancellationToken ct)
        {
            if (outcomes.All(o => o.Outcome is QueueItemOutcome.Release))
            {
                return new QueueBatchCommit([.. outcomes.Select(o => new QueueBatchResult(o.Item, o.Outcome, false, false))], [], null);
            }

            var audits = new List<AuditEntry>();
            try
            {
                return new QueueBatchCommit(await CommitOnceAsync(outcomes, onMappingWriteLost, audits, ct).ConfigureAwait(false), [], null);
            }
            catch (AuditWriteException failure)
            {
                // The transaction was rolled back: redo it without the audit rows.
                var results = await CommitOnceAsync(outcomes, onMappingWriteLost, null, ct).ConfigureAwait(false);
                return new QueueBatchCommit(results, audits, failure.InnerException);
            }
        }

        /// <summary>One attempt of the commit; audit rows are written when <paramref name="audits"/> is not null (and
        /// collected there); a failure writing them is thrown as <see cref="AuditWriteException"/>.</summary>
        private async Task<IReadOnlyList<QueueBatchResult>> CommitOnceAsync(IReadOnlyList<(SyncQueueItem Item, QueueItemOutcome Outcome)> outcomes,
            Func<SyncQueueItem, QueueItemOutcome> onMappingWriteLost, List<AuditEntry>? audits, CancellationToken ct)
        {
            var connection = scope.Connection;
            var now = D.Time(db.Now());
            var acknowledged = outcomes.Where(o => o.Outcome is not QueueItemOutcome.Release).ToList();
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var held = await FenceAsync(connection, transaction, acknowledged.Select(o => o.Item), now, ct).ConfigureAwait(false);
            var writers = acknowledged.Where(o => held.Contains(o.Item.Id)).Select(o => scope.Find(o.Item.Id)).OfType<QueueBatchItem>().ToList();
            var lost = await WriteMappingsAsync(connection, transaction, writers, ct).ConfigureAwait(false);
            var final = outcomes.Select(o => (o.Item, Outcome: lost.Contains(o.Item.Id) ? onMappingWriteLost(o.Item) : o.Outcome)).ToList();
            if (audits is not null)
            {
                audits.AddRange(writers.SelectMany(w => w.Audits(lost.Contains(w.Item.Id))));
                try
                {
                    await WriteAuditsAsync(connection, transaction, audits, ct).ConfigureAwait(false);
                }
                catch (DbException ex)
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    throw new AuditWriteException(ex);
                }
            }

            var recorded = await WriteOutcomesAsync(connection, transaction,
                final.Where(o => o.Outcome is not QueueItemOutcome.Release && held.Contains(o.Item.Id)).ToList(), now, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return [.. final.Select(o => new QueueBatchResult(o.Item, o.Outcome, recorded.Contains(o.Item.Id), lost.Contains(o.Item.Id)))];
        }

        public ValueTask DisposeAsync() => scope.Connection.DisposeAsync();

        /// <summary>Locks the items still holding their lease (so none is taken over before the commit) and returns their ids.</summary>
        private async Task<HashSet<long>> FenceAsync(DbConnection connection, DbTransaction transaction, IEnumerable<SyncQueueItem> items,
            object now, CancellationToken ct)
        {
            var rows = new BatchRows(D, ("id", "bigint"), ("lease", "uuid"));
            foreach (var item in items) rows.Add(item.Id, D.Id(item.LeaseId));
            var ids = await connection.QueryAsync<long>(Db.Command(
                $"UPDATE sync_queue SET updated_at = @now FROM {rows.From("@rows")} " +
                $"WHERE id = {BatchRows.Column("id")} AND lease_id = {BatchRows.Column("lease")} AND status = 'processing' RETURNING id",
                new { rows = rows.Json(), now }, ct, transaction)).ConfigureAwait(false);
            return [.. ids];
        }

        /// <summary>The writers' mapping writes (<see cref="MultiRowWrites.WriteMappingsAsync"/>); returns the ids of items one
        /// of whose updates or inserts wrote nothing (a concurrent writer won).</summary>
        private async Task<HashSet<long>> WriteMappingsAsync(DbConnection connection, DbTransaction transaction,
            IReadOnlyList<QueueBatchItem> writers, CancellationToken ct)
        {
            var writes = writers.SelectMany(w => w.MappingWrites().Select(m => (w.Item.Id, Write: m))).ToList();
            var lost = await MultiRowWrites.WriteMappingsAsync(db, connection, transaction, [.. writes.Select(w => w.Write)], ct).ConfigureAwait(false);
            return [.. writes.Where(w => w.Write.Final is not null && lost.Contains(Key(w.Write))).Select(w => w.Id)];
        }

        private Task WriteAuditsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<AuditEntry> entries, CancellationToken ct) =>
            MultiRowWrites.WriteAuditsAsync(db, connection, transaction, entries, ct);

        /// <summary>Completions and retries in one UPDATE, each fenced by its lease as CompleteAsync / RetryAsync are.</summary>
        private async Task<HashSet<long>> WriteOutcomesAsync(DbConnection connection, DbTransaction transaction,
            IReadOnlyList<(SyncQueueItem Item, QueueItemOutcome Outcome)> outcomes, object now, CancellationToken ct)
        {
            if (outcomes.Count == 0) return [];
            var rows = new BatchRows(D, ("id", "bigint"), ("lease", "uuid"), ("status", "text"), ("retries", "integer"),
                ("next", "timestamptz"), ("error", "text"));
            foreach (var (item, outcome) in outcomes)
            {
                if (outcome is QueueItemOutcome.Retry retry)
                {
                    rows.Add(item.Id, D.Id(item.LeaseId), EnumText.ToText(retry.DeadLetter ? QueueStatus.Failed : QueueStatus.Pending), 1,
                        D.Time(retry.NextAttemptAt), retry.Error);
                }
                else
                {
                    rows.Add(item.Id, D.Id(item.LeaseId), EnumText.ToText(QueueStatus.Completed), 0, null, null);
                }
            }

            var ids = await connection.QueryAsync<long>(Db.Command(
                $"UPDATE sync_queue SET status = {BatchRows.Column("status")}, retry_count = retry_count + {BatchRows.Column("retries")}, " +
                $"next_attempt_at = COALESCE({BatchRows.Column("next")}, next_attempt_at), locked_until = NULL, " +
                $"last_error = {BatchRows.Column("error")}, updated_at = @now FROM {rows.From("@rows")} " +
                $"WHERE id = {BatchRows.Column("id")} AND lease_id = {BatchRows.Column("lease")} AND status = 'processing' RETURNING id",
                new { rows = rows.Json(), now }, ct, transaction)).ConfigureAwait(false);
            return [.. ids];
        }

        private sealed class AuditWriteException(Exception inner) : Exception("Writing the batch's audit rows failed.", inner);

        private static (Guid, Guid) Key(MappingWrite write) => (write.UserId, write.FinancialEventId);
    }
}
