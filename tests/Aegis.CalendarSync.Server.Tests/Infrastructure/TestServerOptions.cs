namespace Aegis.CalendarSync.Server.Tests.Infrastructure;

public sealed class TestServerOptions
{
    /// <summary>Null: SQLite in a temp folder; else a PostgreSQL connection string.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Replaces the system clock for the whole server (not the emulator).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>The host environment; "Development" also applies the Development-only pipeline (developer exception page).</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Extra configuration, applied last.</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
