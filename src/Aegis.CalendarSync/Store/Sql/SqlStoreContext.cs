using System.Data.Common;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Sql;

/// <summary>What every store needs: connections, the engine dialect and the clock (the only source of "now").</summary>
internal sealed class SqlStoreContext(IDbConnectionFactory connections, SqlDialect dialect, TimeProvider time)
{
    public SqlDialect Dialect { get; } = dialect;

    public TimeProvider Time { get; } = time;

    /// <summary>The current time, normalised to what the database stores.</summary>
    public DateTimeOffset Now() => SqlDialect.Normalize(Time.GetUtcNow());

    public ValueTask<DbConnection> OpenAsync(CancellationToken ct) => connections.OpenAsync(ct);
}
