using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Aegis.CalendarSync.Store.Data;

/// <summary>SQLite connections with foreign keys enforced and a 5 s busy timeout on every connection, and the
/// database in WAL mode (readers never block the single writer). The WAL switch is persistent in the file, so it
/// is issued once per factory.</summary>
internal sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;
    private int _walApplied;

    public SqliteConnectionFactory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = builder.ToString();
    }

    public static SqliteConnectionFactory FromOptions(StoreOptions options) =>
        new(string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataDirectory, "aegis.db") }.ToString()
            : options.ConnectionString);

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = Interlocked.Exchange(ref _walApplied, 1) == 0
                ? $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA foreign_keys=ON;"
                : $"PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA foreign_keys=ON;";
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
