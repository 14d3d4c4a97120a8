namespace Aegis.CalendarSync.Store;

/// <summary>Configuration section "Store".</summary>
internal sealed class StoreOptions
{
    public const string SectionName = "Store";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>"sqlite" (embedded default) or "postgres".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>ADO.NET connection string. Required for PostgreSQL; for SQLite defaults to
    /// <c>Data Source={DataDirectory}/aegis.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the SQLite database file when no connection string is given.</summary>
    public string DataDirectory { get; set; } = "data";

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
