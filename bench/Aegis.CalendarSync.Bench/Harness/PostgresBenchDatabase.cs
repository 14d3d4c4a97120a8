using Npgsql;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>A database created on the server named by AEGIS_TEST_POSTGRES (else the local default) and dropped
/// (WITH FORCE) on dispose.</summary>
public sealed class PostgresBenchDatabase : BenchDatabase
{
    public const string ServerVariable = "AEGIS_TEST_POSTGRES";
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";
    private readonly string _server;
    private readonly string _name;

    private PostgresBenchDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public override string Provider => "postgres";

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();

    public static async Task<PostgresBenchDatabase> CreateAsync(CancellationToken ct)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } fromEnv ? fromEnv : DefaultServer;
        var database = new PostgresBenchDatabase(server, $"aegis_bench_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database._name}", ct);
        return database;
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", CancellationToken.None);
    }

    private async Task ExecuteOnServerAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
