namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

public sealed class TestServerOptions
{
    /// <summary>Null: SQLite in a temp folder; else a PostgreSQL connection string.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Replaces the system clock for the whole server (not the emulator).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Extra configuration, applied last.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
