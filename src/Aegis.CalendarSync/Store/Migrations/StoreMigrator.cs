using System.Data.Common;
using Aegis.CalendarSync.Store.Data;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Aegis.CalendarSync.Store.Migrations;

/// <summary>Applies every registered <see cref="MigrationSet"/> (the engine's and any host's) merged in version order, each in its own transaction together with
/// its <c>schema_migrations</c> row, so a migration is either fully applied and recorded or not at all.
/// Concurrent starts: PostgreSQL serialises on an advisory lock; SQLite's IMMEDIATE transaction excludes other
/// writers and the applied check is repeated inside it. A script changed after being applied fails start-up.</summary>
internal sealed class StoreMigrator(
    IDbConnectionFactory connections,
    SqlDialect dialect,
    IEnumerable<MigrationSet> sets,
    TimeProvider time,
    ILogger<StoreMigrator> logger) : IStoreMigrator
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        var migrations = MigrationSet.Merge(sets, dialect.Name);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        await using var migrationLock = await dialect.AcquireMigrationLockAsync(connection, ct).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            $"""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer NOT NULL PRIMARY KEY,
                name       text    NOT NULL,
                checksum   text    NOT NULL,
                applied_at {dialect.TimestampType} NOT NULL
            )
            """, null, ct)).ConfigureAwait(false);

        foreach (var migration in migrations)
            await ApplyAsync(connection, migration, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<int>> ListPendingAsync(CancellationToken ct)
    {
        var migrations = MigrationSet.Merge(sets, dialect.Name);
        await using var connection = await connections.OpenAsync(ct).ConfigureAwait(false);
        HashSet<int> applied = await SchemaTableExistsAsync(connection, ct).ConfigureAwait(false)
            ? [.. await connection.QueryAsync<int>(Db.Command("SELECT version FROM schema_migrations", null, ct)).ConfigureAwait(false)]
            : [];
        return [.. migrations.Select(m => m.Version).Where(v => !applied.Contains(v))];
    }

    private async Task<bool> SchemaTableExistsAsync(DbConnection connection, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(Db.Command(dialect.TableExistsSql, new { table = "schema_migrations" }, ct))
            .ConfigureAwait(false) > 0;

    private async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var appliedChecksum = await connection.QuerySingleOrDefaultAsync<string>(Db.Command(
            "SELECT checksum FROM schema_migrations WHERE version = @version",
            new { version = migration.Version }, ct, transaction)).ConfigureAwait(false);
        if (appliedChecksum is not null)
        {
            if (appliedChecksum != migration.Checksum)
                throw new InvalidOperationException(
                    $"Migration {migration.Version} ({migration.Name}) changed after it was applied; add a new migration instead.");
            return;
        }

        await connection.ExecuteAsync(Db.Command(migration.Script, null, ct, transaction)).ConfigureAwait(false);
        await connection.ExecuteAsync(Db.Command(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @at)",
            new { version = migration.Version, name = migration.Name, checksum = migration.Checksum, at = dialect.Time(time.GetUtcNow()) },
            ct, transaction)).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        logger.LogInformation("Applied {Engine} migration {Version} {Name}", dialect.Name, migration.Version, migration.Name);
    }
}
