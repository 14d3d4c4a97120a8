using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>Uuids as canonical TEXT; timestamps as fixed-width ISO-8601 UTC TEXT ("O" format), so string order
/// equals time order and SQL comparisons on them are correct.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override string Name => "Sqlite";
    public override bool SignalsInDatabase => false;
    public override string? NotifyQueueSql => null;
    public override string ClaimLockClause => "";
    public override string CorrelatedProbeFence => "";
    public override string? ClaimPlanningSql => null;
    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    public override string Greatest => "MAX";

    public override string IsSame(string column, string parameter) => $"{column} IS {parameter}";

    public override string TimestampType => "TEXT";

    public override object Id(Guid id) => id.ToString("D");

    public override object Time(DateTimeOffset time) => Normalize(time).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The text Microsoft.Data.Sqlite binds a decimal as (at least one decimal place: 950 is "950.0").</summary>
    public override object Amount(decimal amount) => amount.ToString("0.0###########################", CultureInfo.InvariantCulture);

    public override string Json(string parameter) => parameter;

    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public override object List<T>(IEnumerable<T> values) =>
        JsonSerializer.Serialize(values.Distinct().Select(v => v is Guid id ? Id(id) : v).ToArray());

    /// <summary>json_extract of each column of each element of the array (TEXT stays TEXT, numbers stay numbers).</summary>
    public override string JsonRows(string parameter, string alias, IReadOnlyList<(string Name, string Type)> columns) =>
        $"(SELECT {string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS {c.Name}"))} FROM json_each({parameter})) AS {alias}";

    /// <summary>Timestamps are stored as UTC round-trip text, so the hour is its first 13 characters.</summary>
    public override string HourOf(string column) => $"substr({column}, 1, 13)";

    /// <summary>Nothing to do: each migration runs in a BEGIN IMMEDIATE transaction, which already excludes
    /// every other writer, and re-checks whether it was applied once it holds that lock.</summary>
    public override ValueTask<IAsyncDisposable> AcquireMigrationLockAsync(DbConnection connection, CancellationToken ct) =>
        ValueTask.FromResult<IAsyncDisposable>(NoLock.Instance);

    public override Task LockUserQueueAsync(DbConnection connection, DbTransaction transaction, Guid userId, CancellationToken ct) =>
        Task.CompletedTask;

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
