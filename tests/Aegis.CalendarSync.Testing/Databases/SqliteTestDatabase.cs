using Microsoft.Data.Sqlite;

namespace Aegis.CalendarSync.Testing.Databases;

/// <summary>A SQLite file in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aegis-tests", Guid.NewGuid().ToString("N"));

    public override string Provider => "sqlite";

    public override string ConnectionString => ConnectionStringFor("aegis.db");

    protected override string ResetSql =>
        """
        DELETE FROM occurrence_overrides; DELETE FROM calendar_sync_settings; DELETE FROM financial_events; DELETE FROM sync_queue;
        DELETE FROM calendar_sync_mapping; DELETE FROM calendar_sync_audit; DELETE FROM sync_conflicts; DELETE FROM job_leases; DELETE FROM google_project_rate_budget; DELETE FROM users;
        """;

    public override Task<string> CreateEmptyDatabaseAsync() => Task.FromResult(ConnectionStringFor($"{Guid.NewGuid():N}.db"));

    protected override Task CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private string ConnectionStringFor(string file) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, file) }.ToString();
}
