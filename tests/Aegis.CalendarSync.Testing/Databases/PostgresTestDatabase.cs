using Npgsql;

namespace Aegis.CalendarSync.Testing.Databases;

/// <summary>A database created on the test server (AEGIS_TEST_POSTGRES, else the local default) and dropped
/// afterwards. An unreachable server fails the tests: they are never skipped.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";
    private readonly string _server = Environment.GetEnvironmentVariable("AEGIS_TEST_POSTGRES") is { Length: > 0 } fromEnv ? fromEnv : DefaultServer;
    private readonly List<string> _databases = [];
    private string? _connectionString;

    public override string Provider => "postgres";

    public override string ConnectionString => _connectionString ?? throw new InvalidOperationException("Database not created yet.");

    protected override string ResetSql =>
        "TRUNCATE users, financial_events, calendar_sync_mapping, calendar_sync_settings, sync_queue, " +
        "calendar_sync_audit, sync_conflicts, job_leases, google_project_rate_budget RESTART IDENTITY CASCADE";

    public override async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"aegis_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ToString();
    }

    protected override async Task CreateAsync() => _connectionString = await CreateEmptyDatabaseAsync();

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases) await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
