using System.Data.Common;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>The few things that differ between the engines: how uuids, timestamps and JSON are bound, the
/// migration lock and the claim's row-locking clause. Everything else is shared SQL.</summary>
public abstract class SqlDialect
{
    /// <summary>Folder name of this engine's migration scripts.</summary>
    public abstract string Name { get; }

    /// <summary>True when the database itself signals new queue work (PostgreSQL NOTIFY from the trigger);
    /// false when the store must wake the in-process signal after a write.</summary>
    public abstract bool SignalsInDatabase { get; }

    /// <summary>Statement that wakes queue listeners on other connections/nodes from inside the enqueuing
    /// transaction (takes @userId); null when the in-process signal is used instead.</summary>
    public abstract string? NotifyQueueSql { get; }

    /// <summary>Appended to the claim's candidate query (PostgreSQL: FOR UPDATE SKIP LOCKED).</summary>
    public abstract string ClaimLockClause { get; }

    /// <summary>Ends a correlated subquery that must stay a per-row probe rather than be planned as a join (PostgreSQL:
    /// <c>OFFSET 0</c>, which keeps an EXISTS from being pulled up into an anti-join; SQLite always probes per row).</summary>
    public abstract string CorrelatedProbeFence { get; }

    /// <summary>Run first in the claim's transaction, or null (PostgreSQL: plan the claim with its parameters every time).</summary>
    public abstract string? ClaimPlanningSql { get; }

    /// <summary>Scalar query: 1 when the table named by @table exists in the connection's schema, else 0.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>The scalar function returning the larger of two values (GREATEST on PostgreSQL, MAX on SQLite).</summary>
    public abstract string Greatest { get; }

    /// <summary>SQL condition: <paramref name="column"/> holds <paramref name="parameter"/>, two nulls counting as equal.</summary>
    public abstract string IsSame(string column, string parameter);

    /// <summary>Column type of timestamps in <c>schema_migrations</c>.</summary>
    public abstract string TimestampType { get; }

    public abstract object Id(Guid id);

    public object? Id(Guid? id) => id is { } value ? Id(value) : null;

    public abstract object Time(DateTimeOffset time);

    public object? Time(DateTimeOffset? time) => time is { } value ? Time(value) : null;

    /// <summary>An amount as a JSON row value (<see cref="JsonRows"/>) stores it: exactly as a bound decimal parameter is
    /// stored, so a later comparison with one (<see cref="IsSame"/>) sees the same value.</summary>
    public abstract object Amount(decimal amount);

    /// <summary>SQL expression of the UTC hour a timestamp column falls in, as text "yyyy-MM-ddTHH" (sortable).</summary>
    public abstract string HourOf(string column);

    /// <summary>SQL expression binding <paramref name="parameter"/> (a string) as a JSON value.</summary>
    public abstract string Json(string parameter);

    /// <summary>Predicate "<paramref name="column"/> is one of the values bound to <paramref name="parameter"/>", the
    /// parameter's value made by <see cref="List{T}"/> (PostgreSQL: <c>= ANY(array)</c>; SQLite: <c>IN</c> over
    /// <c>json_each</c>): one statement for any number of values, one statement text for the plan cache.</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The value of a parameter used by <see cref="InList"/>: each element as <see cref="Id(Guid)"/> (Guid) or
    /// as is (long).</summary>
    public abstract object List<T>(IEnumerable<T> values) where T : struct;

    /// <summary>A FROM item (aliased <paramref name="alias"/>) holding the rows of a JSON array bound to
    /// <paramref name="parameter"/>, one object per row keyed by column name (values as the dialect binds them:
    /// <see cref="Id(Guid)"/>, <see cref="Time(DateTimeOffset)"/>); <paramref name="columns"/> are name and PostgreSQL
    /// type. Multi-row INSERT / UPDATE ... FROM / DELETE ... IN read it, so a batch's writes are one statement each.</summary>
    public abstract string JsonRows(string parameter, string alias, IReadOnlyList<(string Name, string Type)> columns);

    /// <summary>Serialises schema changes across processes until disposed.</summary>
    public abstract ValueTask<IAsyncDisposable> AcquireMigrationLockAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Runs inside a write transaction before a read-then-write on the user's queue rows, so two
    /// writers cannot both decide to insert (SQLite's write transaction is already exclusive).</summary>
    public abstract Task LockUserQueueAsync(DbConnection connection, DbTransaction transaction, Guid userId, CancellationToken ct);

    /// <summary>Both engines keep microseconds (PostgreSQL's precision), always in UTC, so a value reads back equal
    /// whichever engine stored it.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }
}
