using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aegis.CalendarSync.Server.Persistence;

public enum DatabaseEngine { Sqlite, Postgres }

/// <summary>Opens connections to the same database the store uses (options section "Store"), for the server-owned
/// tables (credentials, API tokens) and the health check.</summary>
public sealed class ServerDatabase
{
    private readonly string _connectionString;

    public ServerDatabase(IConfiguration configuration)
    {
        var section = configuration.GetSection("Store");
        var provider = section["Provider"] ?? "sqlite";
        Engine = provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseEngine.Postgres
            : DatabaseEngine.Sqlite;
        _connectionString = section["ConnectionString"] is { Length: > 0 } cs
            ? cs
            : Engine == DatabaseEngine.Sqlite
                ? new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(Path.GetFullPath(section["DataDirectory"] ?? "data"), "aegis.db"),
                }.ToString()
                : throw new InvalidOperationException("Store:ConnectionString is required for the postgres provider.");
    }

    public DatabaseEngine Engine { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = Engine == DatabaseEngine.Postgres
            ? new NpgsqlConnection(_connectionString)
            : new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (connection is SqliteConnection sqlite)
            {
                await using var pragma = sqlite.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout = 5000;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
