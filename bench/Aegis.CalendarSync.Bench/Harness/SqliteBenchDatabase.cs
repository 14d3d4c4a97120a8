using Microsoft.Data.Sqlite;

namespace Aegis.CalendarSync.Bench.Harness;

/// <summary>A SQLite file in a fresh temporary folder, deleted on dispose.</summary>
public sealed class SqliteBenchDatabase : BenchDatabase
{
    private readonly string _folder;

    private SqliteBenchDatabase(string folder) => _folder = folder;

    public override string Provider => "sqlite";

    public override string ConnectionString =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "aegis-bench.db") }.ToString();

    public static SqliteBenchDatabase Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aegis-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new SqliteBenchDatabase(folder);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
