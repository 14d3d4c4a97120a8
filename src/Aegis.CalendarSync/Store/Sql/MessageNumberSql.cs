using System.Data.Common;
using Aegis.CalendarSync.Store.Batch;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>The advance of a push channel's last message number (DESIGN §4: a number at or below the stored one is a
/// duplicate), shared by <see cref="SqlSettingsStore.TryAdvanceMessageNumberAsync"/> (its own statement) and
/// <see cref="SqlSyncQueueStore.EnqueuePushedSyncAsync"/> (inside the push's enqueue transaction).</summary>
internal static class MessageNumberSql
{
    /// <summary>Raises the number of channel <paramref name="channelId"/> (the default calendar's, on the settings row, or
    /// a further calendar's; channel ids are unique in both) to <paramref name="messageNumber"/> when it is higher;
    /// true when it was. Never lowers it.</summary>
    public static async Task<bool> TryAdvanceAsync(SqlStoreContext db, DbConnection connection, DbTransaction? transaction, Guid userId,
        string channelId, long messageNumber, CancellationToken ct)
    {
        QueueBatchItem.Current?.Batch.Snapshot.ForgetSettings(userId);
        var args = new { userId = db.Dialect.Id(userId), channelId, messageNumber };
        return await connection.ExecuteAsync(Db.Command(
                   "UPDATE calendar_sync_settings SET last_message_number = @messageNumber " +
                   "WHERE user_id = @userId AND google_channel_id = @channelId AND last_message_number < @messageNumber",
                   args, ct, transaction)).ConfigureAwait(false) == 1
               || await connection.ExecuteAsync(Db.Command(
                   "UPDATE calendar_sync_calendars SET last_message_number = @messageNumber " +
                   "WHERE user_id = @userId AND google_channel_id = @channelId AND last_message_number < @messageNumber",
                   args, ct, transaction)).ConfigureAwait(false) == 1;
    }
}
