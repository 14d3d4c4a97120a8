using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>GCRA reservations as one upsert per call (a batch of k requests is one call with cost k); the TAT is
/// kept in microseconds since the Unix epoch so both engines do the arithmetic on integers.</summary>
internal sealed class SqlRateBudgetStore(SqlStoreContext db) : IRateBudgetStore
{
    public async Task<DateTimeOffset> ReserveAsync(Guid userId, int cost, TimeSpan interval, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, 1);
        var now = Micros(db.Now());
        var step = interval.Ticks / TimeSpan.TicksPerMicrosecond * cost;
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        var tat = await connection.QuerySingleAsync<long>(Db.Command(
            "INSERT INTO google_rate_budget (user_id, tat_micros) VALUES (@userId, @fresh) " +
            $"ON CONFLICT (user_id) DO UPDATE SET tat_micros = {db.Dialect.Greatest}(google_rate_budget.tat_micros, @now) + @step " +
            "RETURNING tat_micros",
            new { userId = db.Dialect.Id(userId), now, fresh = now + step, step }, ct)).ConfigureAwait(false);
        return DateTimeOffset.UnixEpoch.AddTicks(tat * TimeSpan.TicksPerMicrosecond);
    }

    private static long Micros(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
